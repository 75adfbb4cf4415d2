package web

import (
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"
)

func Books(db *sql.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		author := c.Query("author")
		rows, err := db.Query("SELECT id, title FROM books WHERE author = ?", author)
		if err != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		c.JSON(http.StatusOK, scanBooks(rows))
	}
}
