# mypy: ignore-errors
# ruff: noqa

import jwt

def current_user(token):
    # ruleid: pr-review.python.jwt-unverified-decode
    claims = jwt.decode(token, options={"verify_signature": True})
    # ruleid: pr-review.python.jwt-unverified-decode
    claims = jwt.decode(token, key, algorithms=["HS256", "none"])
    # ok: pr-review.python.jwt-unverified-decode
    header = jwt.get_unverified_header(token)
    # ok: pr-review.python.jwt-unverified-decode
    claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="api")
    return claims["sub"]
