package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

type APIKey struct {
	Plain  string
	Hashed string
}

func NewAPIKey() (APIKey, error) {
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return APIKey{}, fmt.Errorf("apikey: %w", err)
	}
	plain := "ak_" + base64.RawURLEncoding.EncodeToString(buf)
	sum := sha256.Sum256([]byte(plain))
	return APIKey{Plain: plain, Hashed: hex.EncodeToString(sum[:])}, nil
}
