package catalog

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

type Handler struct {
	db *gorm.DB
}

func (h *Handler) Get(c echo.Context) error {
	var p Product
	if err := h.db.WithContext(c.Request().Context()).First(&p, "id = ?", c.Param("id")).Error; err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return c.JSON(http.StatusOK, p)
}

var sortColumns = map[string]string{
	"price":  "price_cents",
	"name":   "name",
	"newest": "created_at",
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func (h *Handler) Search(c echo.Context) error {
	shopID := c.Param("shop")
	term := strings.TrimSpace(c.QueryParam("q"))
	column, ok := sortColumns[c.QueryParam("sort")]
	if !ok {
		column = "created_at"
	}

	var products []Product
	err := h.db.WithContext(c.Request().Context()).
		Where("shop_id = ? AND name ILIKE ?", shopID, "%"+likeEscaper.Replace(term)+"%").
		Order(column + " DESC").
		Limit(50).
		Find(&products).Error
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, products)
}
