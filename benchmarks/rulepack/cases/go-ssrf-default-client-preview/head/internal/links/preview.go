package links

import (
	"encoding/json"
	"io"
	"net/http"
)

type preview struct {
	Status int    `json:"status"`
	Body   string `json:"body"`
}

// LinkPreview fetches the page a chat message links to and returns its first 4 KiB.
func LinkPreview(w http.ResponseWriter, r *http.Request) {
	link := r.URL.Query().Get("link")
	resp, err := http.DefaultClient.Get(link)
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	json.NewEncoder(w).Encode(preview{Status: resp.StatusCode, Body: string(head)})
}
