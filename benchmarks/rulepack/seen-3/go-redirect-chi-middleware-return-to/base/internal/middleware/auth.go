package middleware

import (
	"net/http"
	"net/url"

	"example.com/portal/internal/session"
)

// RequireLogin sends anonymous visitors to the login page.
func RequireLogin(store *session.Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sess, err := store.Get(r)
			if err != nil || sess.UserID == "" {
				http.Redirect(w, r, "/login?return_to="+url.QueryEscape(r.URL.RequestURI()), http.StatusFound)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
