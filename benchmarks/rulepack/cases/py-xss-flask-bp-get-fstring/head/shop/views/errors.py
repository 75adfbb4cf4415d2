from flask import Blueprint, request

bp = Blueprint("lookup", __name__)


@bp.get("/lookup")
def lookup():
    sku = request.args.get("sku", "")
    if not sku:
        return "<p>Enter a SKU</p>", 400
    return f"<p>No product with SKU <b>{sku}</b></p>", 404
