package main

import (
	"errors"
	"fmt"
	"os"
	"time"
)

type Config struct {
	Addr          string
	DatabaseURL   string
	WebhookSecret []byte
	ReadTimeout   time.Duration
}

func loadConfig() (Config, error) {
	cfg := Config{
		Addr:        getenv("ADDR", ":8080"),
		DatabaseURL: os.Getenv("DATABASE_URL"),
		ReadTimeout: 15 * time.Second,
	}
	secret := os.Getenv("GITHUB_WEBHOOK_SECRET")
	if secret == "" {
		return Config{}, errors.New("GITHUB_WEBHOOK_SECRET must be set")
	}
	if len(secret) < 32 {
		return Config{}, fmt.Errorf("GITHUB_WEBHOOK_SECRET is too short (%d bytes)", len(secret))
	}
	cfg.WebhookSecret = []byte(secret)
	if cfg.DatabaseURL == "" {
		return Config{}, errors.New("DATABASE_URL must be set")
	}
	return cfg, nil
}

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}
