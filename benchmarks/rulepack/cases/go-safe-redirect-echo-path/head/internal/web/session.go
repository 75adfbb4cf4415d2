package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

func Login(c echo.Context) error {
	if err := authenticate(c); err != nil {
		return c.NoContent(http.StatusUnauthorized)
	}
	next := c.FormValue("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/"
	}
	return c.Redirect(http.StatusSeeOther, next)
}
