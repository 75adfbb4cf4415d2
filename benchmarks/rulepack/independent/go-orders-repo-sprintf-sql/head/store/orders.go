package store

import (
	"context"
	"database/sql"
	"fmt"
)

type Order struct {
	ID       int64
	Customer string
	Status   string
	Total    float64
}

type OrderRepo struct {
	db *sql.DB
}

func NewOrderRepo(db *sql.DB) *OrderRepo { return &OrderRepo{db: db} }

// ListByStatus returns a customer's orders filtered by status, newest first.
func (r *OrderRepo) ListByStatus(ctx context.Context, customer, status string) ([]Order, error) {
	q := fmt.Sprintf(`SELECT id, customer, status, total FROM orders
		WHERE customer = '%s' AND status = '%s' ORDER BY id DESC`, customer, status)
	rows, err := r.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.Customer, &o.Status, &o.Total); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
