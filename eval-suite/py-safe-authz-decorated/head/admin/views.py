from flask import Blueprint, jsonify

from admin.auth import admin_required
from admin.models import User, db

bp = Blueprint("admin", __name__)


@bp.get("/admin/users")
@admin_required
def list_users():
    return jsonify([u.to_dict() for u in User.query.all()])


@bp.delete("/admin/users/<int:user_id>")
@admin_required
def delete_user(user_id):
    user = User.query.get_or_404(user_id)
    db.session.delete(user)
    db.session.commit()
    return "", 204
