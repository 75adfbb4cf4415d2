package http

import (
	"net/http"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"
)

type FileHandler struct {
	Root string
}

func (h *FileHandler) Download(c echo.Context) error {
	name := filepath.Base(c.Param("name"))
	if name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return echo.NewHTTPError(http.StatusBadRequest, "bad file name")
	}
	full := filepath.Join(h.Root, name)
	if !strings.HasPrefix(full, filepath.Clean(h.Root)+string(filepath.Separator)) {
		return echo.NewHTTPError(http.StatusBadRequest, "bad file name")
	}
	return c.Attachment(full, name)
}

func (h *FileHandler) Register(e *echo.Echo) {
	e.GET("/files/:name", h.Download)
}
