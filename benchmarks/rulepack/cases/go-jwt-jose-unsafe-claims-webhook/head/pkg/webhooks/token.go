package webhooks

import (
	"fmt"

	"github.com/go-jose/go-jose/v3/jwt"
)

// DeliveryClaims identify the installation a webhook delivery belongs to.
type DeliveryClaims struct {
	InstallationID int64  `json:"installation_id"`
	Repository     string `json:"repository"`
}

// InstallationFromToken reads the installation named by the delivery token
// that accompanies each webhook call.
func InstallationFromToken(raw string) (DeliveryClaims, error) {
	var claims DeliveryClaims
	tok, err := jwt.ParseSigned(raw)
	if err != nil {
		return claims, fmt.Errorf("parse delivery token: %w", err)
	}
	if err := tok.UnsafeClaimsWithoutVerification(&claims); err != nil {
		return claims, fmt.Errorf("read delivery claims: %w", err)
	}
	return claims, nil
}
