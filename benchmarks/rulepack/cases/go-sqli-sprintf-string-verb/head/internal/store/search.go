package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
)

func Search(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Term  string `json:"term"`
			Limit int    `json:"limit"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		q := fmt.Sprintf("SELECT id, title FROM posts WHERE title LIKE '%%%s%%' LIMIT %d", in.Term, in.Limit)
		rows, err := db.QueryContext(r.Context(), q)
		if err != nil {
			http.Error(w, "query failed", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		json.NewEncoder(w).Encode(scanPosts(rows))
	}
}
