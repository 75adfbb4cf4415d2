import jwt
from flask import current_app, g, request


def load_user():
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return None
    token = auth.split(" ", 1)[1]
    header = jwt.get_unverified_header(token)
    key = current_app.config["JWT_KEYS"][header["kid"]]
    payload = jwt.decode(token, key, algorithms=["RS256"], audience="api")
    g.user_id = payload["sub"]
    return g.user_id
