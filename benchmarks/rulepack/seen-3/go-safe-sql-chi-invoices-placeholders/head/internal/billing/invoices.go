package billing

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
)

type Invoice struct {
	ID          int64     `json:"id"`
	Number      string    `json:"number"`
	AmountCents int64     `json:"amount_cents"`
	Status      string    `json:"status"`
	IssuedAt    time.Time `json:"issued_at"`
}

type InvoiceRepo struct{ db *sql.DB }

func (r *InvoiceRepo) ListForCustomer(ctx context.Context, customerID, status string, limit int) ([]Invoice, error) {
	rows, err := r.db.QueryContext(ctx, `
		SELECT id, number, amount_cents, status, issued_at
		  FROM invoices
		 WHERE customer_id = $1 AND ($2 = '' OR status = $2)
		 ORDER BY issued_at DESC
		 LIMIT $3`, customerID, status, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Invoice
	for rows.Next() {
		var inv Invoice
		if err := rows.Scan(&inv.ID, &inv.Number, &inv.AmountCents, &inv.Status, &inv.IssuedAt); err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

func (h *Handler) listInvoices(w http.ResponseWriter, r *http.Request) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 || limit > 200 {
		limit = 50
	}
	invoices, err := h.invoices.ListForCustomer(r.Context(), chi.URLParam(r, "customerID"), r.URL.Query().Get("status"), limit)
	if err != nil {
		http.Error(w, "cannot list invoices", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(invoices)
}
