package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type PostHandler struct {
	db *sql.DB
}

func (h *PostHandler) Search(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	rows, err := h.db.QueryContext(r.Context(), "SELECT id, title FROM posts WHERE title LIKE $1 ORDER BY id DESC", "%"+term+"%")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	json.NewEncoder(w).Encode(scanPosts(rows))
}
