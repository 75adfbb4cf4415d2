package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

var allowedHosts = map[string]bool{"images.example.com": true}

func Proxy(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: pr-review.go.ssrf
	resp, err := http.Get(target)
	_ = resp
	_ = err
}

func Fetch(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.FormValue("src"))
	if err != nil || !allowedHosts[u.Hostname()] {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	// ok: pr-review.go.ssrf
	resp, _ := http.Get(u.String())
	_ = resp
}

func GH(w http.ResponseWriter, r *http.Request) {
	user := r.PathValue("user")
	// ok: pr-review.go.ssrf
	req, _ := http.NewRequest("GET", "https://api.github.com/users/"+url.PathEscape(user), nil)
	// ok: pr-review.go.ssrf
	req2, _ := http.NewRequest("GET", fmt.Sprintf("https://api.github.com/users/%s", user), nil)
	_ = req
	_ = req2
}

type hookBody struct {
	URL string `json:"url"`
}

func testHook(w http.ResponseWriter, r *http.Request) {
	var body hookBody
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return
	}
	// ruleid: pr-review.go.ssrf
	req, _ := http.NewRequest(http.MethodPost, body.URL, nil)
	http.DefaultClient.Do(req)
}

func bindHook(c *gin.Context) {
	var body hookBody
	if err := c.ShouldBindJSON(&body); err != nil {
		return
	}
	// ruleid: pr-review.go.ssrf
	http.Get(body.URL)
	// ok: pr-review.go.ssrf
	http.Get("https://hooks.example.com/ping")
}

func Preview(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: pr-review.go.ssrf
	resp, err := http.DefaultClient.Get(target)
	if err == nil {
		resp.Body.Close()
	}
	c := http.Client{}
	// ruleid: pr-review.go.ssrf
	c.Head(target)
	// ok: pr-review.go.ssrf
	c.Head("https://status.example.com/health")
}

var previewClient = &http.Client{Timeout: 5 * time.Second}

// fetches whatever it is given: the handler below passes the request's URL
func fetchPage(target string) (*http.Response, error) {
	// ruleid: pr-review.go.ssrf
	return previewClient.Get(target)
}

// checks the host first
func fetchAllowed(target string) (*http.Response, error) {
	u, err := url.Parse(target)
	if err != nil || !allowedHosts[u.Hostname()] {
		return nil, fmt.Errorf("host not allowed")
	}
	return previewClient.Get(u.String())
}

// a fixed origin; only an escaped path segment comes from the caller
func fetchItem(id string) (*http.Response, error) {
	return http.Get("https://api.example.com/items/" + url.PathEscape(id))
}

func imageURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || !allowedHosts[u.Hostname()] {
		return "https://images.example.com/placeholder.png"
	}
	return u.String()
}

func Unfurl(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: pr-review.go.ssrf
	fetchPage(target)
	// ok: pr-review.go.ssrf
	fetchAllowed(target)
	// ok: pr-review.go.ssrf
	fetchItem(r.FormValue("id"))
	// ok: pr-review.go.ssrf
	previewClient.Get(imageURL(target))
	mirrors := map[string]string{"eu": "https://eu.example.com/feed", "us": "https://us.example.com/feed"}
	// ok: pr-review.go.ssrf
	http.Get(mirrors[r.FormValue("region")])
}

func mirror(w http.ResponseWriter, r *http.Request) {
	src := r.FormValue("src")
	u, err := url.Parse(src)
	if err != nil || !allowedHosts[u.Hostname()] {
		http.Error(w, "host not allowed", http.StatusBadRequest)
		return
	}
	// ok: pr-review.go.ssrf
	download(src)
}

// the caller checked the host
func download(src string) error {
	// ok: pr-review.go.ssrf
	_, err := http.Get(src)
	return err
}
