package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
)

type ctxKey string

const principalKey ctxKey = "principal"

type TokenVerifier interface {
	Verify(ctx context.Context, token string) (Principal, error)
}

type Principal struct {
	ID     string
	Scopes []string
}

// Authenticate checks the bearer token of every API request.
func Authenticate(logger *slog.Logger, verifier TokenVerifier) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			header := r.Header.Get("Authorization")
			token, ok := strings.CutPrefix(header, "Bearer ")
			if !ok || token == "" {
				http.Error(w, "missing bearer token", http.StatusUnauthorized)
				return
			}
			principal, err := verifier.Verify(r.Context(), token)
			if err != nil {
				logger.Warn("rejected api token",
					"token", token,
					"remote_addr", r.RemoteAddr,
					"path", r.URL.Path,
					"err", err)
				http.Error(w, "invalid token", http.StatusUnauthorized)
				return
			}
			ctx := context.WithValue(r.Context(), principalKey, principal)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
