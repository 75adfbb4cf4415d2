package repos

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"time"
)

// A ref is a branch, tag or commit name; it may not look like an option.
var refPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$`)

type Commit struct {
	Hash    string `json:"hash"`
	Subject string `json:"subject"`
}

func run(ctx context.Context, dir, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = []string{"GIT_TERMINAL_PROMPT=0", "LC_ALL=C"}
	return cmd.Output()
}

func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("ref")
	if ref == "" {
		ref = "HEAD"
	}
	if !refPattern.MatchString(ref) || strings.Contains(ref, "..") {
		http.Error(w, "invalid ref", http.StatusBadRequest)
		return
	}
	out, err := run(r.Context(), s.repoDir, "git", "log", "--format=%H%x09%s", "-n", "50", ref, "--")
	if err != nil {
		http.Error(w, "unknown ref", http.StatusNotFound)
		return
	}
	var commits []Commit
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		hash, subject, _ := strings.Cut(string(line), "\t")
		commits = append(commits, Commit{Hash: hash, Subject: subject})
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(commits)
}
