package middleware

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// RequireAdmin sends non-admins back where they came from.
func RequireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		user, ok := c.Get("user").(*User)
		if !ok || !user.Admin {
			back := c.Request().Header.Get("Referer")
			if back == "" {
				back = "/"
			}
			return c.Redirect(http.StatusSeeOther, back)
		}
		return next(c)
	}
}
