import subprocess
from pathlib import Path

from flask import Blueprint, jsonify, request
from werkzeug.utils import secure_filename

bp = Blueprint("thumbs", __name__)
UPLOADS = Path("/var/uploads")


def _thumbnail(name: str, size: str) -> Path:
    src = UPLOADS / name
    dst = UPLOADS / f"thumb-{name}"
    subprocess.run(["convert", str(src), "-resize", size, str(dst)], check=True, timeout=30)
    return dst


@bp.post("/thumbnails")
def thumbnail():
    name = secure_filename(request.form["name"])
    size = request.form.get("size", "128x128")
    dst = _thumbnail(name, size)
    return jsonify({"thumbnail": dst.name})
