package auth

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

const defaultAfterLogout = "https://app.example.com/"

// Hosts of our own front ends that may ask to be sent back to after logout.
var returnHosts = map[string]bool{
	"app.example.com":    true,
	"docs.example.com":   true,
	"status.example.com": true,
}

// afterLogoutURL accepts only absolute https URLs on one of our hosts.
func afterLogoutURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.User != nil || !returnHosts[u.Hostname()] {
		return defaultAfterLogout
	}
	return u.String()
}

func (h *Handler) Logout(c *gin.Context) {
	if err := h.sessions.Destroy(c.Request.Context(), c.Writer, c.Request); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	target := afterLogoutURL(c.Query("continue"))
	c.Redirect(http.StatusFound, target)
}
