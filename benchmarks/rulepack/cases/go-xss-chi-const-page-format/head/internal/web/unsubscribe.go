package web

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"
)

const unsubscribedPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Unsubscribed</title></head>
<body>
  <h1>You are unsubscribed</h1>
  <p>We will no longer send mail to <strong>%s</strong>.</p>
</body>
</html>`

func (s *Server) Unsubscribe(w http.ResponseWriter, r *http.Request) {
	email := r.URL.Query().Get("email")
	if err := s.lists.Unsubscribe(r.Context(), chi.URLParam(r, "list"), email); err != nil {
		http.Error(w, "unknown subscription", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, unsubscribedPage, email)
}
