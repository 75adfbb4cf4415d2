package uploads

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"time"

	"github.com/gin-gonic/gin"
)

const maxUploadBytes = 25 << 20

// Scan stores the upload in a private temporary file and asks clamd about it
// before the file is accepted into the document store.
func (h *Handler) Scan(c *gin.Context) {
	header, err := c.FormFile("document")
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "document is required"})
		return
	}
	src, err := header.Open()
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "cannot read upload"})
		return
	}
	defer src.Close()

	tmp, err := os.CreateTemp(h.spoolDir, "upload-*")
	if err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	defer os.Remove(tmp.Name())
	_, copyErr := io.Copy(tmp, io.LimitReader(src, maxUploadBytes))
	if closeErr := tmp.Close(); copyErr != nil || closeErr != nil {
		c.Status(http.StatusInternalServerError)
		return
	}

	ctx, cancel := context.WithTimeout(c.Request.Context(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "clamdscan", "--no-summary", "--fdpass", tmp.Name())
	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		c.JSON(http.StatusOK, gin.H{"clean": true})
	case errors.As(err, &exitErr) && exitErr.ExitCode() == 1:
		c.JSON(http.StatusUnprocessableEntity, gin.H{"clean": false})
	default:
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "virus scanner unavailable"})
	}
}
