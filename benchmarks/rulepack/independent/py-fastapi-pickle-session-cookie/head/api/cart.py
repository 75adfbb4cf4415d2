import base64
import pickle

from fastapi import APIRouter, Cookie, Response

router = APIRouter()


def _load_cart(raw: str | None) -> dict:
    if not raw:
        return {"items": []}
    return pickle.loads(base64.urlsafe_b64decode(raw))


def _dump_cart(cart: dict) -> str:
    return base64.urlsafe_b64encode(pickle.dumps(cart)).decode()


@router.post("/cart/{sku}")
def add_item(sku: str, response: Response, cart: str | None = Cookie(default=None)):
    state = _load_cart(cart)
    state["items"].append(sku)
    response.set_cookie("cart", _dump_cart(state), httponly=True)
    return {"count": len(state["items"])}
