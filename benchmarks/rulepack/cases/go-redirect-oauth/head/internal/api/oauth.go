package api

import (
	"net/http"
)

func Callback(w http.ResponseWriter, r *http.Request) {
	if err := completeLogin(w, r); err != nil {
		http.Error(w, "login failed", http.StatusUnauthorized)
		return
	}
	target := r.URL.Query().Get("redirect_uri")
	http.Redirect(w, r, target, http.StatusSeeOther)
}
