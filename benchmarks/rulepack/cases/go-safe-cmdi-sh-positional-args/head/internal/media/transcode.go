package media

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
)

const ffmpegScript = `ffmpeg -nostdin -y -i "$1" -vf scale=-2:720 "$2"`

type Transcoder struct {
	Dir     string
	Threads int
}

func (t *Transcoder) toMP4(ctx context.Context, name string) error {
	in := filepath.Join(t.Dir, filepath.Base(name))
	out := in + ".mp4"
	// the file names reach the script as positional parameters, never as shell text
	cmd := exec.CommandContext(ctx, "sh", "-c", ffmpegScript, "transcode", in, out)
	cmd.Env = append(cmd.Environ(), fmt.Sprintf("FFREPORT_THREADS=%d", t.Threads))
	return cmd.Run()
}

func (t *Transcoder) lowerPriority(ctx context.Context) error {
	return exec.CommandContext(ctx, "sh", "-c", fmt.Sprintf("renice -n %d -p %d", 10, t.Threads)).Run()
}

func (t *Transcoder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := t.toMP4(r.Context(), r.FormValue("video")); err != nil {
		http.Error(w, "transcode failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
