package auth

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
)

func Tenant() gin.HandlerFunc {
	parser := jwt.NewParser()
	return func(c *gin.Context) {
		raw := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
		claims := &Claims{}
		// ruleid: pr-review.go.jwt-unverified-decode
		if _, _, err := parser.ParseUnverified(raw, claims); err != nil {
			c.AbortWithStatus(http.StatusUnauthorized)
			return
		}
		c.Set("tenant", claims.TenantID)
	}
}

func userFromToken(raw string) (string, error) {
	claims := jwt.MapClaims{}
	// ruleid: pr-review.go.jwt-unverified-decode
	_, _, err := new(jwt.Parser).ParseUnverified(raw, claims)
	if err != nil {
		return "", err
	}
	sub, _ := claims["sub"].(string)
	return sub, nil
}

func (v *Verifier) Verify(raw string) (*Claims, error) {
	// ok: pr-review.go.jwt-unverified-decode
	unverified, _, err := v.parser.ParseUnverified(raw, &Claims{})
	if err != nil {
		return nil, err
	}
	key, err := v.keys.For(unverified.Header["kid"])
	if err != nil {
		return nil, err
	}
	claims := &Claims{}
	tok, err := v.parser.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return key, nil })
	if err != nil || !tok.Valid {
		return nil, errors.New("invalid token")
	}
	return claims, nil
}

func joseClaims(raw string) (map[string]any, error) {
	tok, err := josejwt.ParseSigned(raw)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	// ruleid: pr-review.go.jwt-unverified-decode
	err = tok.UnsafeClaimsWithoutVerification(&out)
	return out, err
}

func joseVerified(raw string, key any) (map[string]any, error) {
	tok, err := josejwt.ParseSigned(raw)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	// ok: pr-review.go.jwt-unverified-decode
	err = tok.Claims(key, &out)
	return out, err
}

func jwxInsecure(raw []byte) (string, error) {
	// ruleid: pr-review.go.jwt-unverified-decode
	tok, err := jwt.Parse(raw, jwt.WithVerify(false))
	if err != nil {
		return "", err
	}
	return tok.Subject(), nil
}

func jwxVerified(raw []byte, set jwk.Set) (string, error) {
	// ok: pr-review.go.jwt-unverified-decode
	tok, err := jwt.Parse(raw, jwt.WithKeySet(set))
	if err != nil {
		return "", err
	}
	return tok.Subject(), nil
}
