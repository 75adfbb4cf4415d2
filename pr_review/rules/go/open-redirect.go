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

func logout(c echo.Context) error {
	// ruleid: pr-review.go.open-redirect
	return c.Redirect(http.StatusFound, c.QueryParam("redirect_uri"))
}

func logoutSafe(c echo.Context) error {
	// ok: pr-review.go.open-redirect
	return c.Redirect(http.StatusFound, "/login")
}

func back(w http.ResponseWriter, r *http.Request) {
	// ruleid: pr-review.go.open-redirect
	w.Header().Set("Location", r.URL.Query().Get("back"))
	w.WriteHeader(http.StatusFound)
}
