import base64
import pickle

from flask import Flask, g, request

app = Flask(__name__)


@app.before_request
def load_session():
    raw = request.headers.get("X-Session-State")
    if raw:
        state = base64.urlsafe_b64decode(raw)
        g.session = pickle.loads(state)
