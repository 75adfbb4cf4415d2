from flask import Blueprint, redirect, request, session

bp = Blueprint("checkout", __name__)


def _with_order(url: str, order_id: int) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}order={order_id}"


@bp.post("/checkout/complete")
def complete():
    order_id = session.pop("pending_order", 0)
    return redirect(_with_order(request.form.get("success_url", "/"), order_id))
