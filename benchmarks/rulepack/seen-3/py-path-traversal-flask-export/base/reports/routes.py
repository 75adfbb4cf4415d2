import os
from datetime import datetime, timezone

from flask import Blueprint, current_app, jsonify
from flask_login import current_user, login_required

from .tasks import build_export

bp = Blueprint("reports", __name__, url_prefix="/reports")


def export_dir_for(user_id: int) -> str:
    return os.path.join(current_app.config["EXPORT_ROOT"], str(user_id))


@bp.post("/exports")
@login_required
def request_export():
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    name = f"export-{stamp}.csv"
    build_export.delay(current_user.id, os.path.join(export_dir_for(current_user.id), name))
    return jsonify(name=name), 202


@bp.get("/exports")
@login_required
def list_exports():
    folder = export_dir_for(current_user.id)
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    return jsonify(exports=names)
