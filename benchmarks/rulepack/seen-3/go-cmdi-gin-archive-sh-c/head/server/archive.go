package server

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/gin-gonic/gin"
)

var archiveFormats = map[string]bool{"zip": true, "tar": true, "tar.gz": true}

// downloadArchive streams a snapshot of a repository at the requested ref.
func (s *Server) downloadArchive(c *gin.Context) {
	repo := c.Param("repo")
	ref := c.DefaultQuery("ref", "HEAD")
	format := c.DefaultQuery("format", "zip")
	if !archiveFormats[format] {
		c.JSON(http.StatusBadRequest, gin.H{"error": "unsupported format"})
		return
	}
	dir, err := s.repos.Path(repo)
	if err != nil {
		c.JSON(http.StatusNotFound, gin.H{"error": "repository not found"})
		return
	}

	out := filepath.Join(os.TempDir(), fmt.Sprintf("%s-%d.%s", filepath.Base(dir), time.Now().UnixNano(), format))
	defer os.Remove(out)
	script := fmt.Sprintf("cd %s && git archive --format=%s --output=%s %s", dir, format, out, ref)
	cmd := exec.CommandContext(c.Request.Context(), "sh", "-c", script)
	if output, err := cmd.CombinedOutput(); err != nil {
		log.Printf("git archive %s@%s: %v: %s", repo, ref, err, output)
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "could not build archive"})
		return
	}
	c.FileAttachment(out, fmt.Sprintf("%s.%s", repo, format))
}
