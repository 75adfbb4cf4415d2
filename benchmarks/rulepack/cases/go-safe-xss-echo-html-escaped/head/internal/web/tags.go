package web

import (
	"fmt"
	"html"
	"net/http"

	"github.com/labstack/echo/v4"
)

func (s *Server) Tag(c echo.Context) error {
	tag := c.Param("tag")
	count, err := s.index.CountTag(c.Request().Context(), tag)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("<h2>#%s</h2><p>%d posts</p>", html.EscapeString(tag), count)
	return c.HTML(http.StatusOK, body)
}
