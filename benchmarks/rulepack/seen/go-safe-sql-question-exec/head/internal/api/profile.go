package api

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

func UpdateEmail(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	uid := r.Header.Get("X-User-ID")
	if _, err := db.Exec("UPDATE users SET email = ? WHERE id = ?", email, uid); err != nil {
		http.Error(w, "update failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
