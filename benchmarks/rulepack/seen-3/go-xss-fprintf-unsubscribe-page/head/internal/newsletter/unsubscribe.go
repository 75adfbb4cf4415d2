package newsletter

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (h *Handler) Routes(r chi.Router) {
	r.Post("/newsletter/subscribe", h.subscribe)
	r.Get("/newsletter/unsubscribe", h.unsubscribe)
}

const unsubscribedPage = `<!doctype html>
<html><head><title>Unsubscribed</title></head>
<body>
<h1>You have been unsubscribed</h1>
<p>%s will no longer receive the %s newsletter.</p>
</body></html>`

// unsubscribe is the target of the one-click link at the bottom of every mail:
// /newsletter/unsubscribe?email=...&list=...&sig=...
func (h *Handler) unsubscribe(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	email, list := q.Get("email"), q.Get("list")
	if !h.signer.Valid(email+"|"+list, q.Get("sig")) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, "<p>This link is not valid for %s. Please use the link from your latest email.</p>", email)
		return
	}
	if err := h.subscriptions.Remove(r.Context(), email, list); err != nil {
		http.Error(w, "could not unsubscribe, please try again later", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, unsubscribedPage, email, list)
}
