package auth

import (
	"errors"
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

var errUnknownIssuer = errors.New("unknown issuer")

// Verifier checks tokens from several identity providers, each with its own
// signing keys.
type Verifier struct {
	parser  *jwt.Parser
	issuers map[string]KeySet
}

func NewVerifier(issuers map[string]KeySet) *Verifier {
	return &Verifier{
		parser:  jwt.NewParser(jwt.WithValidMethods([]string{"RS256", "ES256"}), jwt.WithExpirationRequired()),
		issuers: issuers,
	}
}

// Verify picks the issuer's key set from the unverified issuer claim, then
// verifies the signature and the standard claims with that key set.
func (v *Verifier) Verify(raw string) (*jwt.RegisteredClaims, error) {
	peek := &jwt.RegisteredClaims{}
	unverified, _, err := v.parser.ParseUnverified(raw, peek)
	if err != nil {
		return nil, fmt.Errorf("malformed token: %w", err)
	}
	keys, ok := v.issuers[peek.Issuer]
	if !ok {
		return nil, errUnknownIssuer
	}
	claims := &jwt.RegisteredClaims{}
	tok, err := v.parser.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		kid, _ := unverified.Header["kid"].(string)
		return keys.Key(kid)
	})
	if err != nil || !tok.Valid {
		return nil, fmt.Errorf("invalid token: %w", err)
	}
	return claims, nil
}
