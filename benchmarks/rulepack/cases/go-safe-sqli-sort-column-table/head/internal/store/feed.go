package store

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

var feedSortColumns = map[string]string{
	"new": "created_at DESC",
	"top": "score DESC, created_at DESC",
}

func Feed(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		order, ok := feedSortColumns[r.URL.Query().Get("sort")]
		if !ok {
			order = feedSortColumns["new"]
		}
		rows, err := db.QueryContext(r.Context(), "SELECT id, title FROM posts ORDER BY "+order+" LIMIT 50")
		if err != nil {
			http.Error(w, "query failed", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		json.NewEncoder(w).Encode(scanPosts(rows))
	}
}
