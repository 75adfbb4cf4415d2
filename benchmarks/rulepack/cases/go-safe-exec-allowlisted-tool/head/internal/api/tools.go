package api

import (
	"net/http"
	"os/exec"
)

var allowedCommands = map[string]string{"version": "/usr/local/bin/app-version", "health": "/usr/local/bin/app-health"}

func RunTool(w http.ResponseWriter, r *http.Request) {
	bin, ok := allowedCommands[r.URL.Query().Get("cmd")]
	if !ok {
		http.Error(w, "unknown command", http.StatusBadRequest)
		return
	}
	out, err := exec.CommandContext(r.Context(), bin, "--json").Output()
	if err != nil {
		http.Error(w, "failed", http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
