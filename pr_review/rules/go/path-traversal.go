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

const docsDir = "/srv/docs"

// reads whatever name it is given: the handler below passes the query value
func readDoc(name string) ([]byte, error) {
	// ruleid: pr-review.go.path-traversal
	return os.ReadFile(filepath.Join(docsDir, name))
}

// keeps only the last element of the name
func readDocBase(name string) ([]byte, error) {
	// ok: pr-review.go.path-traversal
	return os.ReadFile(filepath.Join(docsDir, filepath.Base(name)))
}

func readChecked(name string) ([]byte, error) {
	// ok: pr-review.go.path-traversal
	return os.ReadFile(filepath.Join(docsDir, name))
}

func Docs(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	body, _ := readDoc(name)
	w.Write(body)
	body, _ = readDocBase(r.URL.Query().Get("page"))
	w.Write(body)
	other := r.URL.Query().Get("other")
	if !filepath.IsLocal(other) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	body, _ = readChecked(other)
	w.Write(body)
}

func Extract(zr *zip.Reader, dest string) error {
	for _, f := range zr.File {
		target := filepath.Join(dest, f.Name)
		// ruleid: pr-review.go.path-traversal
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		out.Close()
	}
	return nil
}

func ExtractChecked(zr *zip.Reader, dest string) error {
	root := filepath.Clean(dest) + string(os.PathSeparator)
	for _, f := range zr.File {
		target := filepath.Join(dest, f.Name)
		if !strings.HasPrefix(target, root) {
			return fmt.Errorf("illegal path %q", f.Name)
		}
		// ok: pr-review.go.path-traversal
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		out.Close()
	}
	return nil
}

func Untar(tr *tar.Reader, dest string) error {
	for {
		hdr, err := tr.Next()
		if err != nil {
			return err
		}
		// ruleid: pr-review.go.path-traversal
		f, err := os.OpenFile(filepath.Join(dest, hdr.Name), os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		f.Close()
	}
}
