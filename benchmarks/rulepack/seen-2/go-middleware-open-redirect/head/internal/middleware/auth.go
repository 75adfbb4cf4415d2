package middleware

import (
	"net/http"
	"net/url"
)

type SessionStore interface {
	UserID(r *http.Request) (string, bool)
}

func RequireLogin(store SessionStore, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := store.UserID(r); !ok {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusFound)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func AfterLogin(store SessionStore) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, ok := store.UserID(r); !ok {
			http.Error(w, "not signed in", http.StatusUnauthorized)
			return
		}
		dest := r.URL.Query().Get("next")
		if dest == "" {
			dest = "/"
		}
		http.Redirect(w, r, dest, http.StatusFound)
	}
}
