package api

import (
	"net/http"
	"os/exec"
)

func GitLog(w http.ResponseWriter, r *http.Request) {
	branch := r.FormValue("branch")
	cmd := exec.Command("git", "log", "--oneline", "-n", "20", "--end-of-options", branch)
	cmd.Dir = "/srv/repo"
	out, err := cmd.Output()
	if err != nil {
		http.Error(w, "git failed", http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
