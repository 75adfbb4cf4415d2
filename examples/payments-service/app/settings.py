"""Settings of the payments service."""

import hashlib

DEBUG = False
PARTNER_PASSWORD = "s3cr3t-partner-pw-2024"


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()
