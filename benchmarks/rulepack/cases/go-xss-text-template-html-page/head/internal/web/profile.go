package web

import (
	"net/http"
	"text/template"

	"github.com/go-chi/chi/v5"
)

var profileTmpl = template.Must(template.New("profile").Parse(`<!doctype html>
<html><body>
<h1>{{.Name}}</h1>
<p class="bio">{{.Bio}}</p>
</body></html>`))

type profileView struct {
	Name string
	Bio  string
}

func (s *Server) PreviewProfile(w http.ResponseWriter, r *http.Request) {
	view := profileView{Name: chi.URLParam(r, "name"), Bio: r.FormValue("bio")}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := profileTmpl.Execute(w, view); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}
