import re

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("handles", __name__)

# words separated by single hyphens: each repetition starts with a mandatory "-"
HANDLE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@bp.post("/api/handle")
def claim_handle():
    handle = request.form.get("handle", "").lower()
    if len(handle) > 39 or not HANDLE.fullmatch(handle):
        abort(400, "invalid handle")
    return jsonify({"handle": handle})
