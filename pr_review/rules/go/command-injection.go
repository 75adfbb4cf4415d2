package handlers

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"

	"github.com/alessio/shellescape"
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
	// ruleid: pr-review.go.command-injection
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

const dataDir = "/srv/data"

var tenantName = regexp.MustCompile(`^[a-z0-9-]{1,32}$`)

// shell text interpolated from a parameter: the caller may be in another file
func snapshot(ctx context.Context, tenant string) error {
	out := "/var/backups/" + tenant + ".tgz"
	script := fmt.Sprintf("tar czf %s -C %s %s", out, dataDir, tenant)
	// ruleid: pr-review.go.command-injection
	return exec.CommandContext(ctx, "sh", "-c", script).Run()
}

func (a *Archiver) prune(days int, pattern string) error {
	// ok: pr-review.go.command-injection
	exec.Command("sh", "-c", fmt.Sprintf("find %s -mtime +%d -delete", dataDir, days)).Run()
	// ok: pr-review.go.command-injection
	exec.Command("bash", "-c", "sleep "+strconv.Itoa(days)).Run()
	// ok: pr-review.go.command-injection
	exec.Command("sh", "-c", "rm -f "+shellescape.Quote(pattern)).Run()
	// ok: pr-review.go.command-injection
	exec.Command("sh", "-c", `tar czf "$1" -C /srv/data .`, "sh", pattern).Run()
	// ok: pr-review.go.command-injection
	exec.Command(a.dir+"/bin/compact", "--older-than", pattern).Run()
	// ruleid: pr-review.go.command-injection
	return exec.Command("bash", "-c", "rm -rf "+a.dir+"/"+pattern).Run()
}

func checkedSnapshot(ctx context.Context, tenant string) error {
	if !tenantName.MatchString(tenant) {
		return fmt.Errorf("invalid tenant %q", tenant)
	}
	// ok: pr-review.go.command-injection
	return exec.CommandContext(ctx, "sh", "-c", fmt.Sprintf("tar czf /var/backups/%s.tgz %s", tenant, dataDir)).Run()
}
