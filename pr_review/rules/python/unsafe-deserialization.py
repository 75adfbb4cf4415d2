# mypy: ignore-errors
# ruff: noqa

import base64, json, pickle
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
