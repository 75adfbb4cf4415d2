package backup

import (
	"fmt"
	"net/http"
	"os/exec"
)

func Restore(w http.ResponseWriter, r *http.Request) {
	archive := r.FormValue("archive")
	script := fmt.Sprintf("tar -xzf /var/backups/%s -C /srv/data", archive)
	if err := exec.Command("/bin/sh", "-c", script).Run(); err != nil {
		http.Error(w, "restore failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
