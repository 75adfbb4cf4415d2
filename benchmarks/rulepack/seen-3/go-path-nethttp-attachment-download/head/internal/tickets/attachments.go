package tickets

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
)

type AttachmentHandler struct {
	root string // e.g. /var/lib/helpdesk/attachments
}

func NewAttachmentHandler(root string) *AttachmentHandler {
	return &AttachmentHandler{root: root}
}

// Register wires GET /tickets/{ticket}/attachments?file=name.
func (h *AttachmentHandler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /tickets/{ticket}/attachments", h.download)
}

func (h *AttachmentHandler) download(w http.ResponseWriter, r *http.Request) {
	ticket := r.PathValue("ticket")
	name := r.URL.Query().Get("file")
	if name == "" {
		http.Error(w, "file is required", http.StatusBadRequest)
		return
	}

	path := filepath.Join(h.root, ticket, name)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		http.Error(w, "cannot read attachment", http.StatusInternalServerError)
		return
	}
	defer f.Close()

	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", filepath.Base(path)))
	_, _ = io.Copy(w, f)
}
