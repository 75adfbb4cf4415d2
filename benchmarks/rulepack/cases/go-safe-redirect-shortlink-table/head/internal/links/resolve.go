package links

import (
	"net/http"
	"sync"

	"github.com/go-chi/chi/v5"
)

type Store struct {
	mu    sync.RWMutex
	links map[string]string // code -> destination, written by the admin API only
}

func (s *Store) Resolve(w http.ResponseWriter, r *http.Request) {
	code := chi.URLParam(r, "code")
	s.mu.RLock()
	dest, ok := s.links[code]
	s.mu.RUnlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	http.Redirect(w, r, dest, http.StatusMovedPermanently)
}
