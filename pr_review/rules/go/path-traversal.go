package handlers

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const base = "/srv/files"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	p := filepath.Join(base, name)
	// ruleid: pr-review.go.path-traversal
	http.ServeFile(w, r, p)
}

func Download2(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	p := filepath.Join(base, filepath.Clean("/"+name))
	// ok: pr-review.go.path-traversal
	http.ServeFile(w, r, p)
}

func Read(w http.ResponseWriter, r *http.Request) {
	p := filepath.Join(base, r.PathValue("name"))
	if !strings.HasPrefix(filepath.Clean(p), base+string(os.PathSeparator)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	// ok: pr-review.go.path-traversal
	data, _ := os.ReadFile(p)
	w.Write(data)
}

func Read2(w http.ResponseWriter, r *http.Request) {
	// ruleid: pr-review.go.path-traversal
	data, _ := os.ReadFile("/var/reports/" + r.FormValue("report"))
	w.Write(data)
}

func asset(c *gin.Context) {
	// ruleid: pr-review.go.path-traversal
	c.File("/srv/assets/" + c.Query("name"))
	// ok: pr-review.go.path-traversal
	c.File("/srv/assets/" + filepath.Base(c.Query("name")))
}
