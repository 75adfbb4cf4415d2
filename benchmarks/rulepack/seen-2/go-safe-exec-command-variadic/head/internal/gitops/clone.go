package gitops

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"time"
)

const gitBinary = "git"

func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, gitBinary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0")
	return cmd.CombinedOutput()
}

func CloneHandler(w http.ResponseWriter, r *http.Request) {
	repo := r.FormValue("repo")
	ref := r.FormValue("ref")
	dir, err := os.MkdirTemp("", "clone-")
	if err != nil {
		http.Error(w, "tmp", http.StatusInternalServerError)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
	defer cancel()
	if out, err := runGit(ctx, dir, "clone", "--depth=1", "--branch", ref, "--", repo, "."); err != nil {
		http.Error(w, fmt.Sprintf("clone failed: %s", out), http.StatusUnprocessableEntity)
		return
	}
	fmt.Fprintln(w, dir)
}
