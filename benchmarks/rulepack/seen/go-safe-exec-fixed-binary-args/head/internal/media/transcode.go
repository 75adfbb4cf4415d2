package media

import (
	"net/http"
	"os/exec"
	"path/filepath"
)

func Transcode(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.FormValue("file"))
	in := filepath.Join("/srv/uploads", name)
	out := filepath.Join("/srv/outputs", name+".mp4")
	args := []string{"-nostdin", "-y", "-i", in, "-c:v", "libx264", out}
	cmd := exec.CommandContext(r.Context(), "ffmpeg", args...)
	if err := cmd.Run(); err != nil {
		http.Error(w, "transcode failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
