package api

import (
	"net/http"
	"os"
	"path/filepath"
	"github.com/gorilla/mux"
)

type TemplateHandler struct {
	root string
}

func (h *TemplateHandler) Get(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["name"]
	data, err := os.ReadFile(filepath.Join(h.root, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	w.Write(data)
}
