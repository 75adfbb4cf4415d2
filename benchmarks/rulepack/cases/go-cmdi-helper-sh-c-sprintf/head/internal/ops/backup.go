package ops

import (
	"fmt"
	"net/http"
	"os/exec"
)

func shell(script string) ([]byte, error) {
	return exec.Command("/bin/sh", "-c", script).CombinedOutput()
}

func BackupHandler(w http.ResponseWriter, r *http.Request) {
	db := r.URL.Query().Get("db")
	out, err := shell(fmt.Sprintf("pg_dump %s | gzip > /backups/%s.sql.gz", db, db))
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
