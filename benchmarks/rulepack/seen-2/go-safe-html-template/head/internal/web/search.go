package web

import (
	"html/template"
	"net/http"
)

var notFoundTmpl = template.Must(template.New("nf").Parse(`<!doctype html>
<html><head><title>Not found</title></head>
<body><h1>Nothing matches "{{.Query}}"</h1><p><a href="/">Back to start</a></p></body></html>`))

func SearchHandler(index map[string]string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.FormValue("q")
		if target, ok := index[q]; ok {
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_ = notFoundTmpl.Execute(w, struct{ Query string }{q})
	}
}
