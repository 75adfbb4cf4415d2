from flask import Blueprint, jsonify
from flask_login import current_user, login_required

bp = Blueprint("accounts_api", __name__, url_prefix="/api")


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
