package links

import (
	"io"
	"net/http"
	"net/url"
)

var avatarHosts = map[string]bool{"avatars.githubusercontent.com": true, "secure.gravatar.com": true}

func Avatar(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.URL.Query().Get("src"))
	if err != nil || u.Scheme != "https" || !avatarHosts[u.Hostname()] {
		http.Error(w, "unsupported avatar host", http.StatusBadRequest)
		return
	}
	resp, err := http.DefaultClient.Get(u.String())
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "image/png")
	io.Copy(w, io.LimitReader(resp.Body, 1<<20))
}
