from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from ..extensions import db

bp = Blueprint("accounts_api", __name__, url_prefix="/api")

# Columns a user may change on their own profile. Role, email and flags are changed elsewhere.
EDITABLE_PROFILE_FIELDS = ("display_name", "bio", "timezone", "locale")


def profile_json(user):
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "bio": user.bio,
        "timezone": user.timezone,
        "locale": user.locale,
    }


@bp.get("/profile")
@login_required
def get_profile():
    return jsonify(profile_json(current_user))


@bp.patch("/profile")
@login_required
def update_profile():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return jsonify(error="expected a JSON object"), 400
    refused = sorted(set(payload) - set(EDITABLE_PROFILE_FIELDS))
    if refused:
        return jsonify(error="fields cannot be changed here", fields=refused), 400
    for field in EDITABLE_PROFILE_FIELDS:
        if field in payload:
            setattr(current_user, field, str(payload[field])[:500])
    db.session.commit()
    return jsonify(profile_json(current_user))
