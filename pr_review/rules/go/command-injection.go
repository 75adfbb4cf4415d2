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

var allowedTools = map[string]string{"lint": "/usr/bin/golangci-lint", "fmt": "/usr/bin/gofmt"}

func runTool(w http.ResponseWriter, r *http.Request) {
	bin, ok := allowedTools[r.FormValue("tool")]
	if !ok {
		return
	}
	args := []string{"--", r.FormValue("path")}
	// ok: pr-review.go.command-injection
	exec.Command(bin, args...).Run()
	// ruleid: pr-review.go.command-injection
	exec.Command(r.FormValue("bin"), args...).Run()
}
