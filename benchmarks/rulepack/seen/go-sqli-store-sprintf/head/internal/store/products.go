package store

import (
	"database/sql"
	"fmt"
)

type ProductStore struct {
	db *sql.DB
}

func (s *ProductStore) SearchByName(name string) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT id, name, price FROM products WHERE name LIKE '%%%s%%'", name)
	return s.db.Query(query)
}
