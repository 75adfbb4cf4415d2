package preview

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"time"
)

var titleRe = regexp.MustCompile(`(?is)<title>(.*?)</title>`)

type Preview struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

var client = &http.Client{Timeout: 5 * time.Second}

func fetchTitle(target string) (string, error) {
	resp, err := client.Get(target)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", err
	}
	if m := titleRe.FindSubmatch(body); m != nil {
		return string(m[1]), nil
	}
	return "", nil
}

func Handler(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	title, err := fetchTitle(target)
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(Preview{URL: target, Title: title})
}
