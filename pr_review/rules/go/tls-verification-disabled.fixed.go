package handlers

import (
	"crypto/tls"
	"net/http"
)

func Client() *http.Client {
	// ruleid: pr-review.go.tls-verification-disabled
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: false}}
	// ok: pr-review.go.tls-verification-disabled
	tr2 := &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}
	_ = tr2
	return &http.Client{Transport: tr}
}
