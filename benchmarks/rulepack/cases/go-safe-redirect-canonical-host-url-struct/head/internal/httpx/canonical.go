package httpx

import (
	"net/http"
	"net/url"
	"strings"
)

// Config is loaded from the environment at start-up.
type Config struct {
	PublicHost string
	ForceTLS   bool
}

// CanonicalHost sends requests that arrive on another host name (the bare
// domain, an old domain, the load balancer's address) to the public host,
// keeping the path and query.
func CanonicalHost(cfg Config) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.EqualFold(r.Host, cfg.PublicHost) {
				next.ServeHTTP(w, r)
				return
			}
			dest := &url.URL{Scheme: "https", Host: cfg.PublicHost, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery}
			w.Header().Set("Cache-Control", "no-store")
			http.Redirect(w, r, dest.String(), http.StatusMovedPermanently)
		})
	}
}
