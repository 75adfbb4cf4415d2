# mypy: ignore-errors
# ruff: noqa

import os

# ruleid: pr-review.python.hardcoded-credentials
SECRET_KEY = "django-insecure-8f3k2l1m0n9b8v7c6x5z"
# ok: pr-review.python.hardcoded-credentials
SECRET_KEY2 = os.environ["DJANGO_SECRET_KEY"]
# ok: pr-review.python.hardcoded-credentials
PASSWORD = "changeme"

def connect():
    # ruleid: pr-review.python.hardcoded-credentials
    return psycopg2.connect(host="db", user="app", password="S3cr3tPassw0rd!")

def connect_ok():
    # ok: pr-review.python.hardcoded-credentials
    return psycopg2.connect(host="db", user="app", password=os.environ.get("DB_PASSWORD"))

# ruleid: pr-review.python.hardcoded-credentials
settings = {"api_key": "sk_live_51HkdjsKLJDs9d8f7"}
# ok: pr-review.python.hardcoded-credentials
labels = {"password": "Password"}


def billing_settings():
    return {
        # ruleid: pr-review.python.hardcoded-credentials
        "stripe": os.environ.get("STRIPE_SECRET_KEY", "sk_live_51Hx9TqLw2R7bYkP0mZc3VdQeF8sG4uJ1aN6"),
        # ruleid: pr-review.python.hardcoded-credentials
        "github": os.getenv("GH_TOKEN") or "ghp_4f8Kd92LmQp0Zr7Tx3Vb6Nc1Hy5Ws8Ej2Ga9",
        # ok: pr-review.python.hardcoded-credentials
        "aws_docs": os.getenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        # ok: pr-review.python.hardcoded-credentials
        "stripe_base": os.environ.get("STRIPE_API_BASE", "https://api.stripe.com"),
    }
