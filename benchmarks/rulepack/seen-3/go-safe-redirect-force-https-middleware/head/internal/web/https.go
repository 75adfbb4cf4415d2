package web

import (
	"net/http"
	"net/url"
)

// ForceHTTPS redirects plain-HTTP requests to the same path on the canonical
// HTTPS host. behindProxy is set when a load balancer terminates TLS and sets
// X-Forwarded-Proto.
func ForceHTTPS(canonicalHost string, behindProxy bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			secure := r.TLS != nil || (behindProxy && r.Header.Get("X-Forwarded-Proto") == "https")
			if secure {
				w.Header().Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
				next.ServeHTTP(w, r)
				return
			}
			target := url.URL{
				Scheme:   "https",
				Host:     canonicalHost,
				Path:     r.URL.Path,
				RawQuery: r.URL.RawQuery,
			}
			http.Redirect(w, r, target.String(), http.StatusPermanentRedirect)
		})
	}
}
