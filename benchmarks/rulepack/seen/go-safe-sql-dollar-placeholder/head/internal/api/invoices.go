package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type InvoiceAPI struct {
	DB *sql.DB
}

func (a *InvoiceAPI) Get(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	var total int64
	var status string
	err := a.DB.QueryRowContext(r.Context(), "SELECT total_cents, status FROM invoices WHERE id = $1 AND deleted_at IS NULL", id).Scan(&total, &status)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"total": total, "status": status})
}
