# mypy: ignore-errors
# ruff: noqa

import base64, hashlib, hmac, json, pickle
from flask import Flask, request

app = Flask(__name__)

@app.post("/session/restore")
def restore():
    blob = base64.b64decode(request.cookies.get("state"))
    # ruleid: pr-review.python.unsafe-deserialization
    state = pickle.loads(blob)
    # ok: pr-review.python.unsafe-deserialization
    state2 = json.loads(base64.b64decode(request.cookies.get("state")))
    return str(state)

@app.post("/upload-model")
def upload_model():
    f = request.files["model"]
    # ruleid: pr-review.python.unsafe-deserialization
    model = pickle.load(f)
    return "ok"

def load_cache(path):
    with open(path, "rb") as fh:
        # ok: pr-review.python.unsafe-deserialization
        return pickle.load(fh)


SESSION_KEY = b"k" * 32


def load_session(cookie_value):
    # ruleid: pr-review.python.unsafe-deserialization
    return pickle.loads(base64.b64decode(cookie_value))


def load_signed_session(cookie_value):
    payload, _, mac = cookie_value.rpartition(".")
    expected = hmac.new(SESSION_KEY, payload.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, expected):
        raise ValueError("bad signature")
    # ok: pr-review.python.unsafe-deserialization
    return pickle.loads(base64.b64decode(payload))
