package handlers

import (
	"fmt"
	"html"
	"net/http"
	"os/exec"
)

func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: pr-review.go.xss
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
	// ok: pr-review.go.xss
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
	msg := "<p>" + r.FormValue("msg") + "</p>"
	// ruleid: pr-review.go.xss
	w.Write([]byte(msg))
	out, _ := exec.Command("git", "log", "--", r.FormValue("ref")).Output()
	// ok: pr-review.go.xss
	w.Write(out)
}
