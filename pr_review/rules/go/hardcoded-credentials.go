package handlers

import (
	"os"
)

// ruleid: pr-review.go.hardcoded-credentials
const jwtSecret = "sup3r-s3cret-signing-key"

func Connect() {
	// ok: pr-review.go.hardcoded-credentials
	password := os.Getenv("DB_PASSWORD")
	// ruleid: pr-review.go.hardcoded-credentials
	cfg := mysql.Config{User: "app", Passwd: "Pr0dPassw0rd!", Addr: "db:3306"}
	_ = password
	_ = cfg
}

// ruleid: pr-review.go.hardcoded-credentials
const mapsAPIKey = "AIzaSyD4kq9r2X8fLmNpQ7vTzW1yBcE3hJ6uK0s"

// ok: pr-review.go.hardcoded-credentials
const passwordMinLength = "twelve-chars"

var awsKeyID = os.Getenv("AWS_ACCESS_KEY_ID")

func awsClient() *Client {
	if awsKeyID == "" {
		// ruleid: pr-review.go.hardcoded-credentials
		awsKeyID = "AKIAIOSFODNN7EXAMPLE"
	}
	// ok: pr-review.go.hardcoded-credentials
	region := "eu-west-1"
	return &Client{KeyID: awsKeyID, Region: region}
}
