import os

from flask import Blueprint, abort, current_app, request, send_file
from flask_login import login_required

bp = Blueprint("exports", __name__, url_prefix="/exports")


def export_dir() -> str:
    return current_app.config.get("EXPORT_DIR", "/var/lib/app/exports")


@bp.get("/download")
@login_required
def download():
    name = request.args.get("file")
    if not name:
        abort(400)
    full_path = os.path.join(export_dir(), name)
    if not os.path.isfile(full_path):
        abort(404)
    return send_file(full_path, as_attachment=True)
