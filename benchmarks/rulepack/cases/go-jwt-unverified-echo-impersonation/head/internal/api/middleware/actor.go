package middleware

import (
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v4"
	"github.com/labstack/echo/v4"
)

// ActorClaims carries the acting user; the gateway forwards the user's token.
type ActorClaims struct {
	UserID string   `json:"uid"`
	Scopes []string `json:"scp"`
	jwt.RegisteredClaims
}

const actorKey = "actor"

// Actor puts the calling user on the context. The gateway already checked
// the token, so we only need to read it here.
func Actor() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			header := c.Request().Header.Get("Authorization")
			if !strings.HasPrefix(header, "Bearer ") {
				return echo.NewHTTPError(http.StatusUnauthorized)
			}
			claims := new(ActorClaims)
			p := jwt.Parser{}
			_, _, err := p.ParseUnverified(strings.TrimPrefix(header, "Bearer "), claims)
			if err != nil {
				return echo.NewHTTPError(http.StatusUnauthorized, "bad token")
			}
			c.Set(actorKey, claims)
			return next(c)
		}
	}
}
