package plugins

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Install unpacks an uploaded plugin bundle into the plugin directory.
func Install(bundle string, pluginDir string) error {
	zr, err := zip.OpenReader(bundle)
	if err != nil {
		return fmt.Errorf("open bundle: %w", err)
	}
	defer zr.Close()
	for _, entry := range zr.File {
		target := filepath.Join(pluginDir, entry.Name)
		if entry.FileInfo().IsDir() {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		dst, err := os.OpenFile(target, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, entry.Mode())
		if err != nil {
			return err
		}
		src, err := entry.Open()
		if err != nil {
			dst.Close()
			return err
		}
		_, err = io.Copy(dst, io.LimitReader(src, 50<<20))
		src.Close()
		dst.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
