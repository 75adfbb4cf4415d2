package web

import (
	"fmt"
	"net/http"
)

type Searcher interface {
	Search(q string) []string
}

func SearchPage(s Searcher) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		results := s.Search(q)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<h2>%d results for &ldquo;%s&rdquo;</h2>\n<ul>", len(results), q)
		for _, title := range results {
			fmt.Fprintf(w, "<li>%s</li>", title)
		}
		fmt.Fprint(w, "</ul>")
	}
}
