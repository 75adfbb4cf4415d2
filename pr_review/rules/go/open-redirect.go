package handlers

import (
	"net/http"
	"net/url"
	"strings"
)

func Login(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: pr-review.go.open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func Login2(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/"
	}
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, next, http.StatusFound)
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, "/posts/"+url.PathEscape(r.FormValue("slug")), http.StatusFound)
}
