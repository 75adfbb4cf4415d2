import yaml
from flask import Blueprint, request, jsonify, abort
from flask_login import login_required, current_user

bp = Blueprint("settings_import", __name__)
ALLOWED_KEYS = {"theme", "timezone", "notifications", "language"}


@bp.post("/settings/import")
@login_required
def import_settings():
    doc = yaml.safe_load(request.get_data(as_text=True))
    if not isinstance(doc, dict):
        abort(400)
    unknown = set(doc) - ALLOWED_KEYS
    if unknown:
        return jsonify({"error": f"unknown keys: {sorted(unknown)}"}), 400
    current_user.preferences.update(doc)
    current_user.save()
    return jsonify(current_user.preferences)
