package handlers

import (
	"net/http"
	"os/exec"
)

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	// ruleid: pr-review.go.command-injection
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
	// ok: pr-review.go.command-injection
	out2, _ := exec.Command("ping", "-c", "1", host).Output()
	w.Write(out)
	w.Write(out2)
}

func Run(w http.ResponseWriter, r *http.Request) {
	tool := r.URL.Query().Get("tool")
	// ruleid: pr-review.go.command-injection
	exec.Command(tool, "--version").Run()
}
