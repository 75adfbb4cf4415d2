import base64
import pickle
from dataclasses import dataclass, field

from flask import Flask, g, request

app = Flask(__name__)
COOKIE = "cart"


@dataclass
class Cart:
    items: list = field(default_factory=list)


def decode_cart(raw: str) -> Cart:
    if not raw:
        return Cart()
    return pickle.loads(base64.urlsafe_b64decode(raw.encode()))


@app.before_request
def load_cart():
    g.cart = decode_cart(request.cookies.get(COOKIE, ""))
