package client

import "log"

type Config struct {
	BaseURL string
	APIKey  string
}

func New(cfg Config) *Client {
	log.Println("creating client", cfg.BaseURL, cfg.APIKey)
	return &Client{cfg: cfg}
}
