from flask import Blueprint, jsonify

from admin.auth import admin_required
from admin.models import User

bp = Blueprint("admin", __name__)


@bp.get("/admin/users")
@admin_required
def list_users():
    return jsonify([u.to_dict() for u in User.query.all()])
