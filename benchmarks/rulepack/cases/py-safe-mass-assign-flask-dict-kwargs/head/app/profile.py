from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from .db import db
from .models import Profile

bp = Blueprint("profile", __name__)


@bp.patch("/profile")
@login_required
def patch_profile():
    body = request.get_json(silent=True) or {}
    Profile.query.filter_by(user_id=current_user.id).update(
        dict(display_name=str(body.get("display_name", ""))[:80], bio=str(body.get("bio", ""))[:500])
    )
    Profile.query.filter_by(user_id=current_user.id).update({"locale": body.get("locale", "en")})
    db.session.commit()
    return jsonify(ok=True)
