package hooks

import (
	"encoding/json"
	"net/http"
	"time"
)

type testHook struct {
	URL string `json:"url"`
}

var client = &http.Client{Timeout: 5 * time.Second}

func TestWebhook(w http.ResponseWriter, r *http.Request) {
	var body testHook
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	req, _ := http.NewRequest(http.MethodPost, body.URL, nil)
	resp, err := client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}
