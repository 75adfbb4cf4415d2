package auth

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func afterLogout(next string) string {
	if next == "" {
		return "/"
	}
	return next
}

func (h *Handlers) Logout(c *gin.Context) {
	h.sessions.End(c)
	c.Redirect(http.StatusFound, afterLogout(c.Query("next")))
}
