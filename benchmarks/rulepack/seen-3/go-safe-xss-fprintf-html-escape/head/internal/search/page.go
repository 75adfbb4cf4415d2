package search

import (
	"fmt"
	"html"
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
	if len(hits) == 0 {
		// The empty state is a fragment swapped in by htmx; no need for the full template.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<p class="empty">No results for <strong>%s</strong>.</p>`, html.EscapeString(q))
		return
	}
	_ = resultsPage.Execute(w, map[string]any{"Query": q, "Hits": hits})
}
