package middleware

import (
	"net/http"
	"net/url"
	"strings"
)

var allowedReturnHosts = map[string]bool{
	"app.example.com":  true,
	"shop.example.com": true,
}

func safeReturn(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return "/"
	}
	if u.Host == "" && u.Scheme == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(u.Path, "//") {
		return u.RequestURI()
	}
	if u.Scheme == "https" && allowedReturnHosts[u.Hostname()] {
		return u.String()
	}
	return "/"
}

func AfterLogin(w http.ResponseWriter, r *http.Request) {
	dest := safeReturn(r.URL.Query().Get("next"))
	http.Redirect(w, r, dest, http.StatusFound)
}
