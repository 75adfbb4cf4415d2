package media

import (
	"context"
	"net/http"
	"os/exec"
	"path/filepath"

	"github.com/gin-gonic/gin"
)

type Thumbnailer struct {
	UploadDir string
	Size      string
}

// Render writes a thumbnail next to the upload and returns its path.
func (t *Thumbnailer) Render(ctx context.Context, upload string) (string, error) {
	src := filepath.Join(t.UploadDir, upload)
	dst := src + ".thumb.png"
	cmd := exec.CommandContext(ctx, "/bin/bash", "-c", "convert "+src+" -resize "+t.Size+" "+dst)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &renderError{out: string(out), err: err}
	}
	return dst, nil
}

type renderError struct {
	out string
	err error
}

func (e *renderError) Error() string { return e.err.Error() + ": " + e.out }

func (t *Thumbnailer) Handle(c *gin.Context) {
	path, err := t.Render(c.Request.Context(), c.PostForm("file"))
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "thumbnail failed"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"thumbnail": filepath.Base(path)})
}
