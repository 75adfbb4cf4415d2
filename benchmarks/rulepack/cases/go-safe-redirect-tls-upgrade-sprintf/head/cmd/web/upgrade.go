package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

// The plain-HTTP listener only answers ACME challenges and sends everything
// else to the HTTPS site.
func runRedirector(addr string) {
	site := os.Getenv("SITE_HOST")
	if site == "" {
		site = "www.example.org"
	}
	mux := http.NewServeMux()
	mux.Handle("/.well-known/acme-challenge/", http.FileServer(http.Dir("/var/lib/acme")))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "use https", http.StatusBadRequest)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("https://%s%s", site, r.URL.RequestURI()), http.StatusMovedPermanently)
	})
	log.Fatal(http.ListenAndServe(addr, mux))
}
