package reports

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
)

// Files serves generated reports from one directory. Names come from the URL,
// so they go through an fs.FS rooted at that directory: os.DirFS refuses
// names that are not fs.ValidPath (no "..", no leading slash).
type Files struct {
	fsys fs.FS
}

func NewFiles(dir string) *Files {
	return &Files{fsys: os.DirFS(dir)}
}

func (f *Files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/reports/")
	if !fs.ValidPath(name) || strings.Contains(name, `\`) {
		http.Error(w, "invalid report name", http.StatusBadRequest)
		return
	}
	file, err := f.fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		http.Error(w, "cannot open report", http.StatusInternalServerError)
		return
	}
	defer file.Close()

	info, err := file.Stat()
	content, seekable := file.(io.ReadSeeker)
	if err != nil || info.IsDir() || !seekable {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition", "attachment")
	http.ServeContent(w, r, info.Name(), info.ModTime(), content)
}
