package handlers

import (
	"net/http"
	"net/url"
	"strings"
)

var allowedHosts = map[string]bool{
	"app.example.com":  true,
	"docs.example.com": true,
}

func safeTarget(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "/"
	}
	if u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(u.Path, "//") {
		return u.RequestURI()
	}
	if u.Scheme != "https" || !allowedHosts[strings.ToLower(u.Hostname())] {
		return "/"
	}
	return u.String()
}

func Continue(w http.ResponseWriter, r *http.Request) {
	target := safeTarget(r.URL.Query().Get("continue"))
	http.Redirect(w, r, target, http.StatusFound)
}
