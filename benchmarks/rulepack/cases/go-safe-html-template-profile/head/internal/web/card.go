package web

import (
	"html/template"
	"net/http"
)

var cardTmpl = template.Must(template.New("card").Parse(`<div class="card"><h2>{{.Title}}</h2><p>{{.Body}}</p></div>`))

func (s *Server) Card(w http.ResponseWriter, r *http.Request) {
	data := map[string]string{"Title": r.URL.Query().Get("title"), "Body": r.URL.Query().Get("body")}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := cardTmpl.Execute(w, data); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}
