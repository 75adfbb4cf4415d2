package web

import "net/http"

var shortlinkTargets = map[string]string{
	"docs":   "https://docs.example.com/",
	"status": "https://status.example.com/",
}

func Shortlink(w http.ResponseWriter, r *http.Request) {
	target, ok := shortlinkTargets[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	http.Redirect(w, r, target, http.StatusFound)
}
