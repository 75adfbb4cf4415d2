package handlers

import (
	"fmt"
	"math/rand"
)

const letters = "abcdefghijklmnopqrstuvwxyz0123456789"

func GenerateResetToken() string {
	b := make([]byte, 32)
	for i := range b {
		// ruleid: pr-review.go.insecure-random-token
		b[i] = letters[rand.Intn(len(letters))]
	}
	return string(b)
}

func Backoff(attempt int) int {
	// ok: pr-review.go.insecure-random-token
	return attempt*100 + rand.Intn(50)
}

func SendOTP() {
	// ruleid: pr-review.go.insecure-random-token
	otp := fmt.Sprintf("%06d", rand.Intn(1000000))
	_ = otp
}

func NewResetCode() string {
	b := make([]byte, 16)
	// ruleid: pr-review.go.insecure-random-token
	rand.Read(b)
	return fmt.Sprintf("%x", b)
}
