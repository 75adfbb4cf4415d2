package http

import (
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"
)

type FileHandler struct {
	Root string
}

func (h *FileHandler) Download(c echo.Context) error {
	name := c.Param("name")
	f, err := os.Open(filepath.Join(h.Root, name))
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound, "no such file")
	}
	defer f.Close()
	c.Response().Header().Set(echo.HeaderContentDisposition, "attachment; filename="+filepath.Base(name))
	c.Response().WriteHeader(http.StatusOK)
	_, err = io.Copy(c.Response(), f)
	return err
}

func (h *FileHandler) Register(e *echo.Echo) {
	g := e.Group("/files")
	g.GET("/:name", h.Download)
}
