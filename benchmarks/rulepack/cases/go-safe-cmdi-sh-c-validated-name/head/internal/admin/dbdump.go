package admin

import (
	"fmt"
	"net/http"
	"os/exec"
	"regexp"

	"github.com/go-chi/chi/v5"
)

var databaseName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

func dumpDatabase(db string) ([]byte, error) {
	if !databaseName.MatchString(db) {
		return nil, fmt.Errorf("invalid database name")
	}
	script := fmt.Sprintf("pg_dump --no-owner %s | gzip -9", db)
	return exec.Command("sh", "-c", script).Output()
}

func DumpHandler(w http.ResponseWriter, r *http.Request) {
	out, err := dumpDatabase(chi.URLParam(r, "db"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/gzip")
	w.Write(out)
}
