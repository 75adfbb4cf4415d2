package handlers

import (
	"net/http"
	"net/url"
	"strings"
)

func Login(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: pr-review.go.open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func Login2(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/"
	}
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, next, http.StatusFound)
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, "/posts/"+url.PathEscape(r.FormValue("slug")), http.StatusFound)
}

func logout(c echo.Context) error {
	// ruleid: pr-review.go.open-redirect
	return c.Redirect(http.StatusFound, c.QueryParam("redirect_uri"))
}

func logoutSafe(c echo.Context) error {
	// ok: pr-review.go.open-redirect
	return c.Redirect(http.StatusFound, "/login")
}

func back(w http.ResponseWriter, r *http.Request) {
	// ruleid: pr-review.go.open-redirect
	w.Header().Set("Location", r.URL.Query().Get("back"))
	w.WriteHeader(http.StatusFound)
}

var redirectTargets = map[string]string{"docs": "https://docs.example.com"}

func MapRedirect(w http.ResponseWriter, r *http.Request) {
	dest, ok := redirectTargets[r.URL.Query().Get("to")]
	if !ok {
		dest = "/"
	}
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, dest, http.StatusFound)
}

func isLocalRedirect(u string) bool {
	return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !strings.HasPrefix(u, "/\\")
}

func RequireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("session"); err != nil {
			back := r.URL.Query().Get("return_to")
			// ruleid: pr-review.go.open-redirect
			http.Redirect(w, r, back, http.StatusFound)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func AfterLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		back := r.URL.Query().Get("return_to")
		if !isLocalRedirect(back) {
			back = "/"
		}
		// ok: pr-review.go.open-redirect
		http.Redirect(w, r, back, http.StatusFound)
	})
}

func ForceHTTPS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.TLS == nil {
			// ok: pr-review.go.open-redirect
			http.Redirect(w, r, "https://"+r.Host+r.URL.RequestURI(), http.StatusMovedPermanently)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func Canonical(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := "https://www.example.com" + r.URL.Path
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		// ok: pr-review.go.open-redirect
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	})
}

func StripTrailingSlash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
			// ruleid: pr-review.go.open-redirect
			http.Redirect(w, r, strings.TrimSuffix(p, "/"), http.StatusMovedPermanently)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func WrongGuard(w http.ResponseWriter, r *http.Request) {
	back := r.URL.Query().Get("back")
	next := r.URL.Query().Get("next")
	if isLocalRedirect(back) {
		// ruleid: pr-review.go.open-redirect
		http.Redirect(w, r, next, http.StatusFound)
	}
}

var returnHosts = map[string]bool{"app.example.com": true, "shop.example.com": true}

// a helper that parses the target and checks its host, else falls back to a fixed page
func returnTarget(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return "/"
	}
	if u.Scheme == "https" && returnHosts[u.Hostname()] {
		return u.String()
	}
	return "/"
}

func orDefault(raw string) string {
	if raw == "" {
		return "/"
	}
	return raw
}

type Pages struct{ titles map[string]string }

func (p *Pages) Search(w http.ResponseWriter, r *http.Request) {
	q := r.FormValue("q")
	// a server-side table keyed by the request: the value is the server's
	if target, ok := p.titles[q]; ok {
		// ok: pr-review.go.open-redirect
		http.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, returnTarget(r.URL.Query().Get("next")), http.StatusFound)
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, redirects.SafeTarget(q), http.StatusFound)
	// ruleid: pr-review.go.open-redirect
	http.Redirect(w, r, orDefault(r.URL.Query().Get("next")), http.StatusFound)
}

func SignOut(w http.ResponseWriter, r *http.Request) {
	next := r.FormValue("next")
	if err := validateRedirect(next); err != nil {
		http.Error(w, "invalid redirect", http.StatusBadRequest)
		return
	}
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

type Links struct{ store LinkStore }

func (l *Links) Follow(w http.ResponseWriter, r *http.Request) {
	link, err := l.store.Lookup(r.Context(), r.URL.Query().Get("code"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, link.Target, http.StatusFound)
}

func RequireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Get("user") == nil {
			// ruleid: pr-review.go.open-redirect
			return c.Redirect(http.StatusFound, c.Request().Header.Get("Referer"))
		}
		return next(c)
	}
}

func Back(c *gin.Context) {
	// ruleid: pr-review.go.open-redirect
	c.Redirect(http.StatusFound, c.Request.Referer())
}

// HTTPS and canonical-host middleware: the request's path on a host fixed by configuration
func RedirectToHTTPS(canonicalHost string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			target := url.URL{Scheme: "https", Host: canonicalHost, Path: r.URL.Path, RawQuery: r.URL.RawQuery}
			// ok: pr-review.go.open-redirect
			http.Redirect(w, r, target.String(), http.StatusPermanentRedirect)
		})
	}
}

func (s *Server) canonical(w http.ResponseWriter, r *http.Request) {
	u := &url.URL{Scheme: "https", Host: s.cfg.PublicHost, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery}
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, "https://"+s.cfg.PublicHost+r.URL.RequestURI(), http.StatusMovedPermanently)
	// ok: pr-review.go.open-redirect
	http.Redirect(w, r, fmt.Sprintf("https://%s%s", s.cfg.PublicHost, r.URL.RequestURI()), http.StatusMovedPermanently)
}

func hostFromQuery(w http.ResponseWriter, r *http.Request) {
	u := url.URL{Scheme: "https", Host: r.URL.Query().Get("host"), Path: r.URL.Path}
	// ruleid: pr-review.go.open-redirect
	http.Redirect(w, r, u.String(), http.StatusFound)
	// ruleid: pr-review.go.open-redirect
	http.Redirect(w, r, fmt.Sprintf("https://%s%s", r.FormValue("host"), r.URL.RequestURI()), http.StatusFound)
	// ruleid: pr-review.go.open-redirect
	http.Redirect(w, r, "https://"+r.FormValue("host")+r.URL.Path, http.StatusFound)
}

func hostFromQueryVariable(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: pr-review.go.open-redirect
	http.Redirect(w, r, "https://"+host+r.URL.Path, http.StatusFound)
	// ruleid: pr-review.go.open-redirect
	http.Redirect(w, r, fmt.Sprintf("https://%s%s", host, r.URL.RequestURI()), http.StatusFound)
}
