package search

import (
	"html/template"
	"net/http"
)

var resultsPage = template.Must(template.ParseFS(templates, "templates/results.html"))

func (h *Handler) Results(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	hits, err := h.index.Search(r.Context(), q, 20)
	if err != nil {
		http.Error(w, "search failed", http.StatusInternalServerError)
		return
	}
	_ = resultsPage.Execute(w, map[string]any{"Query": q, "Hits": hits})
}
