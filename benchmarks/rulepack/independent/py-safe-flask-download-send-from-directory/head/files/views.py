from flask import Blueprint, current_app, send_from_directory
from flask_login import login_required, current_user

bp = Blueprint("files", __name__)


@bp.get("/files/<path:name>")
@login_required
def download(name: str):
    folder = current_app.config["UPLOAD_ROOT"] + f"/{current_user.id}"
    return send_from_directory(folder, name, as_attachment=True)
