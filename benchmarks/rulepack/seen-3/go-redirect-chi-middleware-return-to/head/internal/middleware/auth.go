package middleware

import (
	"net/http"
	"net/url"

	"example.com/portal/internal/session"
)

// RequireLogin sends anonymous visitors to the login page. The login form posts
// back to the page the visitor wanted with ?return_to=..., so once the session
// exists we finish the round trip here instead of in every handler.
func RequireLogin(store *session.Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sess, err := store.Get(r)
			if err != nil || sess.UserID == "" {
				http.Redirect(w, r, "/login?return_to="+url.QueryEscape(r.URL.RequestURI()), http.StatusFound)
				return
			}
			if returnTo := r.URL.Query().Get("return_to"); returnTo != "" {
				http.Redirect(w, r, returnTo, http.StatusSeeOther)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
