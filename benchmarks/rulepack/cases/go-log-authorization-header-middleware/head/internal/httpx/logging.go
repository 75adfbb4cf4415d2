package httpx

import (
	"log/slog"
	"net/http"
	"time"
)

func AccessLog(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		logger.Info("request",
			"method", r.Method,
			"path", r.URL.Path,
			"auth", r.Header.Get("Authorization"),
			"took", time.Since(start))
	})
}
