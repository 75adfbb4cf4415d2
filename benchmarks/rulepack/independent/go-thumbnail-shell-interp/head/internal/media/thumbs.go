package media

import (
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"

	"github.com/gin-gonic/gin"
)

type ThumbHandler struct {
	UploadDir string
}

func (h *ThumbHandler) Register(r *gin.RouterGroup) {
	r.POST("/thumbnails", h.create)
}

func (h *ThumbHandler) create(c *gin.Context) {
	name := c.PostForm("file")
	size := c.DefaultPostForm("size", "256x256")
	out, err := h.resize(name, size)
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "resize failed"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"thumbnail": out})
}

func (h *ThumbHandler) resize(name, size string) (string, error) {
	src := filepath.Join(h.UploadDir, name)
	dst := src + ".thumb.png"
	script := fmt.Sprintf("convert %s -resize %s %s", src, size, dst)
	cmd := exec.Command("/bin/sh", "-c", script)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("convert: %v: %s", err, out)
	}
	return dst, nil
}
