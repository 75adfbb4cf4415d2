package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

// InvoiceFilter is filled by the API from the query string.
type InvoiceFilter struct {
	AccountID int64
	Status    string
	Currency  string
	Sort      string
	Limit     int
}

var invoiceSorts = map[string]string{
	"newest": "issued_at DESC",
	"oldest": "issued_at ASC",
	"amount": "total_cents DESC",
}

type InvoiceStore struct {
	db *sqlx.DB
}

func (s *InvoiceStore) List(ctx context.Context, f InvoiceFilter) ([]Invoice, error) {
	conds := []string{"account_id = $1"}
	args := []any{f.AccountID}
	if f.Status != "" {
		args = append(args, f.Status)
		conds = append(conds, fmt.Sprintf("status = $%d", len(args)))
	}
	if f.Currency != "" {
		args = append(args, strings.ToUpper(f.Currency))
		conds = append(conds, fmt.Sprintf("currency = $%d", len(args)))
	}
	order, ok := invoiceSorts[f.Sort]
	if !ok {
		order = invoiceSorts["newest"]
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	query := "SELECT id, status, currency, total_cents FROM invoices WHERE " + strings.Join(conds, " AND ") + " ORDER BY " + order + fmt.Sprintf(" LIMIT %d", limit)
	var out []Invoice
	err := s.db.SelectContext(ctx, &out, query, args...)
	return out, err
}
