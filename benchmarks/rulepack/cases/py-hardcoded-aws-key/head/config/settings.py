import os

DEBUG = os.environ.get("DEBUG", "0") == "1"
AWS_REGION = "eu-west-1"
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET_ACCESS_KEY = "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"
S3_BUCKET = "uploads-prod"
