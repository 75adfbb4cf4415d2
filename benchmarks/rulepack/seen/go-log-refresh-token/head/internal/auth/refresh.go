package auth

import (
	"encoding/json"
	"log"
	"net/http"
)

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

func (h *Handler) Refresh(w http.ResponseWriter, r *http.Request) {
	var req refreshRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	log.Printf("refreshing session with refresh token %s", req.RefreshToken)
	h.issue(w, req.RefreshToken)
}
