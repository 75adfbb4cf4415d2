package store

import (
	"database/sql"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

type listQuery struct {
	Status string `form:"status" binding:"required"`
	Limit  int    `form:"limit,default=20" binding:"min=1,max=100"`
	Offset int    `form:"offset,default=0" binding:"min=0"`
}

func ListPosts(db *sql.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		var q listQuery
		if err := c.ShouldBindQuery(&q); err != nil {
			c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		query := fmt.Sprintf("SELECT id, title FROM posts WHERE status = $1 ORDER BY id LIMIT %d OFFSET %d", q.Limit, q.Offset)
		rows, err := db.QueryContext(c, query, q.Status)
		if err != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		c.JSON(http.StatusOK, scanPosts(rows))
	}
}
