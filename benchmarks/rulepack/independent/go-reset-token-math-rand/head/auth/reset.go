package auth

import (
	"math/rand"
	"time"
)

const tokenAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

type ResetToken struct {
	UserID  int64
	Token   string
	Expires time.Time
}

func init() {
	rand.Seed(time.Now().UnixNano())
}

func newToken(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = tokenAlphabet[rand.Intn(len(tokenAlphabet))]
	}
	return string(b)
}

func IssueReset(userID int64) ResetToken {
	return ResetToken{UserID: userID, Token: newToken(32), Expires: time.Now().Add(30 * time.Minute)}
}
