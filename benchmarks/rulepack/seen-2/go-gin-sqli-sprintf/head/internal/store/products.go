package store

import (
	"database/sql"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Product struct {
	ID    int64   `json:"id"`
	Name  string  `json:"name"`
	Price float64 `json:"price"`
}

type ProductStore struct {
	DB *sql.DB
}

func (s *ProductStore) ByCategory(category, sort string) ([]Product, error) {
	query := fmt.Sprintf("SELECT id, name, price FROM products WHERE category = '%s' ORDER BY %s", category, sort)
	rows, err := s.DB.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Product
	for rows.Next() {
		var p Product
		if err := rows.Scan(&p.ID, &p.Name, &p.Price); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *ProductStore) Register(r *gin.Engine) {
	r.GET("/products", func(c *gin.Context) {
		items, err := s.ByCategory(c.Query("category"), c.DefaultQuery("sort", "name"))
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": "query failed"})
			return
		}
		c.JSON(http.StatusOK, items)
	})
}
