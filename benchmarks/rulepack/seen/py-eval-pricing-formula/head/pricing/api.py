from decimal import Decimal

from flask import Blueprint, jsonify, request

bp = Blueprint("pricing", __name__)


@bp.post("/quote")
def quote():
    payload = request.get_json(force=True)
    formula = payload.get("formula", "base")
    base = Decimal(str(payload["base"]))
    price = eval(formula, {"__builtins__": {}}, {"base": base, "qty": payload.get("qty", 1)})
    return jsonify({"price": str(price)})
