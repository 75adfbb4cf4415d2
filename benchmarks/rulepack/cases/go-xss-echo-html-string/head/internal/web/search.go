package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

func (s *Server) Search(c echo.Context) error {
	term := strings.TrimSpace(c.QueryParam("q"))
	hits, err := s.index.Search(c.Request().Context(), term)
	if err != nil {
		return err
	}
	if len(hits) == 0 {
		return c.HTML(http.StatusOK, "<p class=\"empty\">No results for <em>"+term+"</em></p>")
	}
	return c.Render(http.StatusOK, "results.html", hits)
}
