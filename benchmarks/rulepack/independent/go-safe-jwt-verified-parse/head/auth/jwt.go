package auth

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

type Verifier struct {
	Key []byte
}

func (v *Verifier) Subject(r *http.Request) (string, error) {
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return "", errors.New("missing bearer token")
	}
	claims := &jwt.RegisteredClaims{}
	tok, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		return v.Key, nil
	}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer("auth.example.com"), jwt.WithExpirationRequired())
	if err != nil || !tok.Valid {
		return "", errors.New("invalid token")
	}
	return claims.Subject, nil
}
