package auth

import (
	"log"
	"log/slog"
	"net/http"
)

type refreshRequest struct {
	RefreshToken string
	ClientID     string
}

func refresh(req refreshRequest, password string) {
	// ruleid: pr-review.go.secret-in-log
	log.Printf("refreshing with refresh token %s", req.RefreshToken)
	// ruleid: pr-review.go.secret-in-log
	slog.Info("login", "password", password)
	// ok: pr-review.go.secret-in-log
	log.Printf("refreshing for client %s", req.ClientID)
	// ok: pr-review.go.secret-in-log
	log.Printf("refresh token present: %v", req.RefreshToken != "")
	// ok: pr-review.go.secret-in-log
	slog.Info("password length", "n", len(password))
	token := req.Token
	// ruleid: pr-review.go.secret-in-log
	log.Printf("exchanging token %s", token)
}

func Trace(r *http.Request) {
	// ruleid: pr-review.go.secret-in-log
	log.Printf("auth header: %s", r.Header.Get("Authorization"))
	// ok: pr-review.go.secret-in-log
	log.Printf("user agent: %s", r.Header.Get("User-Agent"))
}

func rotateKey(apiKey string, old string) {
	// ok: pr-review.go.secret-in-log
	log.Printf("rotated API key ending in %s", apiKey[len(apiKey)-4:])
	// ok: pr-review.go.secret-in-log
	slog.Info("key rotated", "prefix", old[:6]+"...")
	// ruleid: pr-review.go.secret-in-log
	log.Printf("rotated API key %s", apiKey)
}
