package api

import (
	"net/http"
	"strings"
)

func Callback(w http.ResponseWriter, r *http.Request) {
	if err := completeLogin(w, r); err != nil {
		http.Error(w, "login failed", http.StatusUnauthorized)
		return
	}
	target := r.URL.Query().Get("redirect_uri")
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		target = "/home"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}
