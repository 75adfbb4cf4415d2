package store

import (
	"context"

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
