package web

import (
	"html/template"
	"net/http"
)

type Searcher interface {
	Search(q string) []string
}

var searchTmpl = template.Must(template.New("search").Parse(`<h2>{{len .Results}} results for &ldquo;{{.Query}}&rdquo;</h2>
<ul>{{range .Results}}<li>{{.}}</li>{{end}}</ul>`))

func SearchPage(s Searcher) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		data := struct {
			Query   string
			Results []string
		}{q, s.Search(q)}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := searchTmpl.Execute(w, data); err != nil {
			http.Error(w, "render error", http.StatusInternalServerError)
		}
	}
}
