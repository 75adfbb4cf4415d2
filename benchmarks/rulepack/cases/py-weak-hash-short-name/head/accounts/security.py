import hashlib
import hmac
import os

SALT_BYTES = 16


def make_hash(pw: str) -> str:
    salt = os.urandom(SALT_BYTES).hex()
    digest = hashlib.sha256((salt + pw).encode()).hexdigest()
    return f"{salt}${digest}"


def verify(pw: str, stored: str) -> bool:
    salt, digest = stored.split("$", 1)
    return hmac.compare_digest(hashlib.sha256((salt + pw).encode()).hexdigest(), digest)
