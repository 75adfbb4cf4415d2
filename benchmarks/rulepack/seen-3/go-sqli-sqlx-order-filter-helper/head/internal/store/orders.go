package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

type Order struct {
	ID         int64  `db:"id"`
	CustomerID int64  `db:"customer_id"`
	Status     string `db:"status"`
	TotalCents int64  `db:"total_cents"`
}

type OrderStore struct {
	db *sqlx.DB
}

func NewOrderStore(db *sqlx.DB) *OrderStore {
	return &OrderStore{db: db}
}

func (s *OrderStore) Get(ctx context.Context, id int64) (Order, error) {
	var o Order
	err := s.db.GetContext(ctx, &o, "SELECT id, customer_id, status, total_cents FROM orders WHERE id = $1", id)
	return o, err
}

// OrderFilter is filled by the orders API from the query string.
type OrderFilter struct {
	CustomerID int64
	Status     string
	SortBy     string
}

func orderConditions(f OrderFilter) string {
	conds := []string{fmt.Sprintf("customer_id = %d", f.CustomerID)}
	if f.Status != "" {
		conds = append(conds, fmt.Sprintf("status = '%s'", f.Status))
	}
	return strings.Join(conds, " AND ")
}

func (s *OrderStore) List(ctx context.Context, f OrderFilter) ([]Order, error) {
	sortBy := f.SortBy
	if sortBy == "" {
		sortBy = "created_at"
	}
	query := "SELECT id, customer_id, status, total_cents FROM orders WHERE " +
		orderConditions(f) + " ORDER BY " + sortBy + " DESC LIMIT 100"
	var orders []Order
	if err := s.db.SelectContext(ctx, &orders, query); err != nil {
		return nil, fmt.Errorf("list orders: %w", err)
	}
	return orders, nil
}
