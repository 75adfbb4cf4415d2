package media

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"
)

var (
	sizeRe = regexp.MustCompile(`^[0-9]{1,4}x[0-9]{1,4}$`)
	nameRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}\.(png|jpe?g|webp)$`)
)

type ThumbHandler struct {
	UploadDir string
}

func (h *ThumbHandler) create(c *gin.Context) {
	name := c.PostForm("file")
	size := c.DefaultPostForm("size", "256x256")
	if !nameRe.MatchString(name) || !sizeRe.MatchString(size) {
		c.JSON(http.StatusBadRequest, gin.H{"error": "bad file name or size"})
		return
	}
	src := filepath.Join(h.UploadDir, name)
	dst := src + ".thumb.png"

	ctx, cancel := context.WithTimeout(c.Request.Context(), 20*time.Second)
	defer cancel()
	args := []string{src, "-resize", size, dst}
	cmd := exec.CommandContext(ctx, "convert", args...)
	if err := cmd.Run(); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": fmt.Sprintf("convert failed: %v", err)})
		return
	}
	c.JSON(http.StatusOK, gin.H{"thumbnail": filepath.Base(dst)})
}
