import re

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("accounts_api", __name__)

# letters and digits, words separated by single spaces
DISPLAY_NAME = re.compile(r"^([A-Za-z0-9]+\s?)*$")


@bp.post("/api/profile/display-name")
def set_display_name():
    payload = request.get_json(force=True)
    name = payload.get("display_name", "")
    if not DISPLAY_NAME.match(name):
        abort(400, "display name may contain letters, digits and single spaces")
    return jsonify({"display_name": name.strip()})
