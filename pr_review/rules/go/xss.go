package handlers

import (
	"fmt"
	"html"
	"net/http"
	"os/exec"
	"strconv"
	"text/template"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
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

const notFoundPage = `<!doctype html>
<html><body><h1>Nothing matches "%s"</h1><p><a href="/">Back</a></p></body></html>`

const notFoundText = "nothing matches %q\n"

var resultRow = "<tr><td>%s</td><td>%d</td></tr>"

func NotFound(titles map[string]string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.FormValue("q")
		if title, ok := titles[q]; ok {
			// ok: pr-review.go.xss
			fmt.Fprintf(w, "<h1>%s</h1>", title)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		// ruleid: pr-review.go.xss
		fmt.Fprintf(w, notFoundPage, q)
		// ok: pr-review.go.xss
		fmt.Fprintf(w, notFoundPage, html.EscapeString(q))
		// ok: pr-review.go.xss
		fmt.Fprintf(w, notFoundText, q)
		// ruleid: pr-review.go.xss
		fmt.Fprintf(w, resultRow, q, 0)
	}
}

func Greet(c echo.Context) error {
	name := c.QueryParam("name")
	if name == "" {
		// ok: pr-review.go.xss
		return c.HTML(http.StatusOK, "<p>Hello, stranger</p>")
	}
	// ruleid: pr-review.go.xss
	return c.HTML(http.StatusOK, "<p>Hello "+name+"</p>")
}

func GreetEscaped(c echo.Context) error {
	// ok: pr-review.go.xss
	return c.HTML(http.StatusOK, "<p>Hello "+html.EscapeString(c.QueryParam("name"))+"</p>")
}

func GinGreet(c *gin.Context) {
	name := c.Query("name")
	// ruleid: pr-review.go.xss
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<p>Hello "+name+"</p>"))
	// ok: pr-review.go.xss
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte("Hello "+name))
	// ok: pr-review.go.xss
	c.String(http.StatusOK, "Hello %s", name)
	// ruleid: pr-review.go.xss
	c.Writer.WriteString("<p>" + name + "</p>")
}

func renderProblem(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// ruleid: pr-review.go.xss
	fmt.Fprintf(w, "<p class=\"error\">%s</p>", msg)
}

func renderNotice(w http.ResponseWriter, msg string) {
	// ok: pr-review.go.xss
	fmt.Fprintf(w, "<p class=\"notice\">%s</p>", msg)
}

func Lookup(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if _, err := strconv.Atoi(id); err != nil {
		renderProblem(w, id)
		return
	}
	renderNotice(w, html.EscapeString(r.URL.Query().Get("note")))
}

type Server struct{ posts PostStore }

func (s *Server) Tag(c echo.Context) error {
	tag := c.Param("tag")
	count, err := s.posts.CountTag(c.Request().Context(), tag)
	if err != nil {
		return err
	}
	// ok: pr-review.go.xss
	return c.HTML(http.StatusOK, fmt.Sprintf("<h2>#%s</h2><p>%d posts</p>", html.EscapeString(tag), count))
}

func (s *Server) TagRaw(c echo.Context) error {
	tag := c.Param("tag")
	count, _ := s.posts.CountTag(c.Request().Context(), tag)
	// ruleid: pr-review.go.xss
	return c.HTML(http.StatusOK, fmt.Sprintf("<h2>#%s</h2><p>%d posts</p>", tag, count))
}

var resultsPage = template.Must(template.New("results").Parse(`<html><body><h1>Results for {{.Query}}</h1></body></html>`))

func Results(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// ruleid: pr-review.go.xss
	resultsPage.Execute(w, map[string]string{"Query": q})
	// ok: pr-review.go.xss
	resultsPage.Execute(w, map[string]string{"Query": html.EscapeString(q)})
}
