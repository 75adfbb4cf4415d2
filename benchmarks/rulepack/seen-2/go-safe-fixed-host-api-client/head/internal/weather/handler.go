package weather

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"time"
)

const apiBase = "https://api.weather.example.net/v2/forecast"

var client = &http.Client{Timeout: 4 * time.Second}

func Handler(apiKey string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := url.Values{}
		q.Set("city", r.URL.Query().Get("city"))
		q.Set("key", apiKey)
		resp, err := client.Get(apiBase + "?" + q.Encode())
		if err != nil {
			http.Error(w, "upstream error", http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		var forecast map[string]any
		if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&forecast); err != nil {
			http.Error(w, "bad upstream payload", http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(forecast)
	}
}
