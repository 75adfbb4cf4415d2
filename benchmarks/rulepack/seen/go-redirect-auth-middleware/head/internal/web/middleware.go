package web

import "net/http"

func RequireLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("sid"); err == nil {
			next.ServeHTTP(w, r)
			return
		}
		if back := r.URL.Query().Get("return_to"); back != "" {
			http.Redirect(w, r, back, http.StatusFound)
			return
		}
		http.Redirect(w, r, "/login", http.StatusFound)
	})
}
