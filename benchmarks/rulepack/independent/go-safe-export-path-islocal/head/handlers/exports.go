package handlers

import (
	"net/http"
	"path/filepath"

	"github.com/labstack/echo/v4"
)

type Exports struct {
	Dir string
}

func (x *Exports) Get(c echo.Context) error {
	name := c.Param("name")
	if !filepath.IsLocal(name) || filepath.Ext(name) != ".csv" {
		return echo.NewHTTPError(http.StatusBadRequest, "invalid export name")
	}
	full := filepath.Join(x.Dir, name)
	return c.File(full)
}
