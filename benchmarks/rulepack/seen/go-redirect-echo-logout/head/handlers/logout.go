package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func Logout(c echo.Context) error {
	c.SetCookie(&http.Cookie{Name: "sid", MaxAge: -1, Path: "/"})
	return c.Redirect(http.StatusFound, c.QueryParam("redirect_uri"))
}
