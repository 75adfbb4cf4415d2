package api

import (
	"math/rand"
	"time"
)

const tokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func NewSessionToken() string {
	rand.Seed(time.Now().UnixNano())
	buf := make([]byte, 48)
	for i := range buf {
		buf[i] = tokenChars[rand.Intn(len(tokenChars))]
	}
	return string(buf)
}
