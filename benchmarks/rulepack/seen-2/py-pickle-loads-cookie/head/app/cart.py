import base64
import pickle

from flask import Blueprint, jsonify, make_response, request

bp = Blueprint("cart", __name__, url_prefix="/cart")
COOKIE = "cart_state"


def load_cart() -> dict[str, int]:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return {}
    return pickle.loads(base64.urlsafe_b64decode(raw))


def save_cart(resp, cart: dict[str, int]):
    resp.set_cookie(COOKIE, base64.urlsafe_b64encode(pickle.dumps(cart)).decode(), samesite="Lax")
    return resp


@bp.post("/add")
def add_item():
    cart = load_cart()
    sku = request.form["sku"]
    cart[sku] = cart.get(sku, 0) + int(request.form.get("qty", 1))
    return save_cart(make_response(jsonify(cart)), cart)
