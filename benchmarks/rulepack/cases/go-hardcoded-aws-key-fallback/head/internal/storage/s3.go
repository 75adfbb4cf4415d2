package storage

import (
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

func credentialsProvider() aws.CredentialsProvider {
	id := os.Getenv("AWS_ACCESS_KEY_ID")
	secret := os.Getenv("AWS_SECRET_ACCESS_KEY")
	if id == "" {
		id = "AKIAIOSFODNN7EXAMPLE"
	}
	return credentials.NewStaticCredentialsProvider(id, secret, "")
}
