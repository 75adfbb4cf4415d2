package middleware

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

type SessionStore interface {
	UserID(r *http.Request) (string, bool)
}

func RequireLogin(store SessionStore) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, ok := store.UserID(r); !ok {
				http.Redirect(w, r, "/login?next="+r.URL.RequestURI(), http.StatusFound)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// AfterLogin sends the user back to where they were going.
func AfterLogin(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("next")
	if target == "" {
		target = "/"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func Mount(r chi.Router, store SessionStore) {
	r.Get("/after-login", AfterLogin)
}
