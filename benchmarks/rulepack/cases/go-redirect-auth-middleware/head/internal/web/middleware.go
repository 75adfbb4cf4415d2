package web

import "net/http"

// RequireSession sends anonymous users to the login page; after login they go back to return_to.
func RequireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("sid"); err == nil {
			if back := r.URL.Query().Get("return_to"); back != "" {
				http.Redirect(w, r, back, http.StatusSeeOther)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	})
}
