package partner

import (
	"crypto/tls"
	"net/http"
	"time"
)

type Config struct {
	BaseURL string
	APIKey  string
}

type Client struct {
	cfg  Config
	http *http.Client
}

func NewClient(cfg Config) *Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	// The partner's gateway presents a certificate from their internal CA,
	// which is not in the system pool of our containers.
	transport.TLSClientConfig = &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true,
	}
	transport.MaxIdleConnsPerHost = 20
	return &Client{
		cfg:  cfg,
		http: &http.Client{Timeout: 20 * time.Second, Transport: transport},
	}
}
