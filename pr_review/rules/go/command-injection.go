package handlers

import (
	"fmt"
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

func runShell(script string) error {
	return exec.Command("sh", "-c", script).Run()
}

type Archiver struct{ dir string }

func (a *Archiver) pack(name string) ([]byte, error) {
	cmd := exec.Command("/bin/bash", "-c", "tar czf /tmp/"+name+".tgz "+a.dir)
	return cmd.Output()
}

func runArgv(name string) error {
	return exec.Command("tar", "czf", "/tmp/out.tgz", "--", name).Run()
}

func Backup(w http.ResponseWriter, r *http.Request) {
	// ruleid: pr-review.go.command-injection
	runShell(fmt.Sprintf("tar czf /tmp/out.tgz %s", r.FormValue("dir")))
	a := &Archiver{dir: "/srv"}
	// ruleid: pr-review.go.command-injection
	a.pack(r.FormValue("name"))
	// ok: pr-review.go.command-injection
	runArgv(r.FormValue("name"))
	// ok: pr-review.go.command-injection
	runShell("tar czf /tmp/out.tgz /srv/www")
}
