import ast
import json

from flask import Blueprint, request

bp = Blueprint("prefs", __name__)


def parse_value(raw: str):
    try:
        return json.loads(raw)
    except ValueError:
        return ast.literal_eval(raw)


@bp.post("/preferences")
def save_preferences():
    value = parse_value(request.form["value"])
    return {"value": value}
