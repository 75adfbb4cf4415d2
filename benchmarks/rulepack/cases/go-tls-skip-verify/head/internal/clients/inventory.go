package api

import (
	"crypto/tls"
	"net/http"
	"time"
)

func NewInventoryClient() *http.Client {
	transport := &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		MaxIdleConns:    10,
	}
	return &http.Client{Transport: transport, Timeout: 10 * time.Second}
}
