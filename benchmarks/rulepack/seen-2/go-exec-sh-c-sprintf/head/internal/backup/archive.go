package backup

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"time"
)

const backupRoot = "/var/backups/tenants"

func archiveTenant(ctx context.Context, tenant string) (string, error) {
	out := filepath.Join(backupRoot, tenant+".tar.gz")
	script := fmt.Sprintf("tar czf %s -C /srv/data %s && sha256sum %s > %s.sha256", out, tenant, out, out)
	cmd := exec.CommandContext(ctx, "sh", "-c", script)
	if output, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("archive %s: %v: %s", tenant, err, output)
	}
	return out, nil
}

func ArchiveHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Minute)
	defer cancel()
	path, err := archiveTenant(ctx, r.FormValue("tenant"))
	if err != nil {
		http.Error(w, "backup failed", http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "created %s\n", filepath.Base(path))
}
