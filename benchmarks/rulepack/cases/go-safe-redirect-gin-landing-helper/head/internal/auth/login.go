package auth

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// landing keeps the user on this site: only a path (no scheme, no host) is accepted.
func landing(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.IsAbs() || u.Host != "" || len(u.Path) == 0 || u.Path[0] != '/' {
		return "/dashboard"
	}
	return u.RequestURI()
}

func (h *Handlers) Login(c *gin.Context) {
	if err := h.sessions.Start(c, c.PostForm("user"), c.PostForm("password")); err != nil {
		c.HTML(http.StatusUnauthorized, "login.html", gin.H{"error": "wrong user or password"})
		return
	}
	c.Redirect(http.StatusSeeOther, landing(c.Query("return_to")))
}
