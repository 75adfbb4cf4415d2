package handlers

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"
)

type Attachments struct {
	Root string
}

func (a *Attachments) Routes(e *echo.Echo) {
	e.GET("/tickets/:id/attachments/:name", a.download)
}

func (a *Attachments) download(c echo.Context) error {
	ticket := c.Param("id")
	name := c.QueryParam("name")
	if name == "" {
		name = c.Param("name")
	}
	p := filepath.Join(a.Root, ticket, name)
	if _, err := os.Stat(p); err != nil {
		return echo.NewHTTPError(http.StatusNotFound, "no such attachment")
	}
	return c.Attachment(p, filepath.Base(p))
}
