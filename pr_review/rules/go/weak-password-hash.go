package handlers

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
)

func HashPassword(password string) string {
	// ruleid: pr-review.go.weak-password-hash
	sum := md5.Sum([]byte(password))
	// ok: pr-review.go.weak-password-hash
	etag := sha256.Sum256(body)
	// ok: pr-review.go.weak-password-hash
	h, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	_ = etag
	_ = h
	return hex.EncodeToString(sum[:])
}
