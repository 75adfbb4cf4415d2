# mypy: ignore-errors
# ruff: noqa

import hashlib

def register(username, password):
    # ruleid: pr-review.python.weak-password-hash
    digest = hashlib.md5(password.encode()).hexdigest()
    # ruleid: pr-review.python.weak-password-hash
    digest = hashlib.sha256(user.password.encode("utf-8")).hexdigest()
    # ok: pr-review.python.weak-password-hash
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    # ok: pr-review.python.weak-password-hash
    etag = hashlib.md5(body).hexdigest()
    return digest

def check(pwd):
    h = hashlib.sha1()
    # ruleid: pr-review.python.weak-password-hash
    h.update(pwd.encode())
    return h.hexdigest()


def hash_pw(pw):
    # ruleid: pr-review.python.weak-password-hash
    return hashlib.sha256(pw.encode()).hexdigest()


def checksum(bypass):
    # ok: pr-review.python.weak-password-hash
    return hashlib.sha256(bypass).hexdigest()
