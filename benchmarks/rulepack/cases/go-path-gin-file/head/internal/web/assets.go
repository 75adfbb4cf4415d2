package web

import (
	"path/filepath"

	"github.com/gin-gonic/gin"
)

func Asset(c *gin.Context) {
	name := c.Query("name")
	c.File(filepath.Join("./public/assets", name))
}
