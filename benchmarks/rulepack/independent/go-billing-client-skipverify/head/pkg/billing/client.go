package billing

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

type Client struct {
	base string
	http *http.Client
}

func New(base string) *Client {
	tr := &http.Transport{
		MaxIdleConns:    10,
		IdleConnTimeout: 30 * time.Second,
		// the staging gateway uses a self-signed certificate
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &Client{base: base, http: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
}

func (c *Client) Invoice(id string) (map[string]any, error) {
	resp, err := c.http.Get(fmt.Sprintf("%s/invoices/%s", c.base, id))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	return out, json.NewDecoder(resp.Body).Decode(&out)
}
