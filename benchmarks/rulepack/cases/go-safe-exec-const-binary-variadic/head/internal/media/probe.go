package media

import (
	"context"
	"net/http"
	"os/exec"
	"path/filepath"
	"time"
)

const ffprobe = "/usr/bin/ffprobe"

func Probe(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("file"))
	args := []string{"-v", "error", "-show_format", "-of", "json", "--", filepath.Join("/srv/media", name)}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, ffprobe, args...).Output()
	if err != nil {
		http.Error(w, "probe failed", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(out)
}
