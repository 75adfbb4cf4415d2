import jwt
from flask import g, request


def load_user():
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return None
    token = auth.split(" ", 1)[1]
    payload = jwt.decode(token, options={"verify_signature": False}, algorithms=["HS256"])
    g.user_id = payload["sub"]
    g.roles = payload.get("roles", [])
    return g.user_id
