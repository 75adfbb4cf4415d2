package catalog

import (
	"database/sql"
	"net/http"

	sq "github.com/Masterminds/squirrel"
	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Product struct {
	ID       uint
	Category string
	Brand    string
}

type Handlers struct {
	orm *gorm.DB
	db  *sql.DB
}

func (h *Handlers) ByCategory(c *gin.Context) {
	var products []Product
	h.orm.Where(&Product{Category: c.Query("category"), Brand: c.Query("brand")}).Limit(100).Find(&products)
	c.JSON(http.StatusOK, products)
}

func (h *Handlers) Count(c *gin.Context) {
	query, args, err := sq.Select("count(*)").From("products").
		Where(sq.Eq{"category": c.Query("category")}).
		PlaceholderFormat(sq.Dollar).ToSql()
	if err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	var n int
	if err := h.db.QueryRowContext(c.Request.Context(), query, args...).Scan(&n); err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, gin.H{"count": n})
}
