import tarfile
import zipfile
from pathlib import Path

from flask import Blueprint, current_app, request

bp = Blueprint("restore", __name__)


@bp.post("/restore")
def restore():
    upload = request.files["backup"]
    dest = Path(current_app.config["RESTORE_DIR"])
    if upload.filename.endswith(".zip"):
        with zipfile.ZipFile(upload.stream) as bundle:
            bundle.extractall(dest)
    else:
        with tarfile.open(fileobj=upload.stream, mode="r:gz") as archive:
            archive.extractall(dest, filter="data")
    return {"restored": True}
