package store

import (
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"
	_ "github.com/jackc/pgx/v5/stdlib"
)

type OrderHandler struct{ DB *sql.DB }

func (h *OrderHandler) UpdateStatus(c *gin.Context) {
	var body struct {
		Status string `json:"status" binding:"required,oneof=open paid cancelled"`
	}
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	res, err := h.DB.ExecContext(c.Request.Context(),
		"UPDATE orders SET status = $1, updated_at = now() WHERE id = $2", body.Status, c.Param("id"))
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "update failed"})
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		c.Status(http.StatusNotFound)
		return
	}
	c.Status(http.StatusNoContent)
}
