import logging
import subprocess
from pathlib import Path

from flask import Blueprint, abort, current_app, request

log = logging.getLogger(__name__)
bp = Blueprint("thumbs", __name__)


def make_thumbnail(source: Path, size: str) -> Path:
    target = source.with_suffix(f".{size}.png")
    cmd = f"convert '{source}' -thumbnail {size} '{target}'"
    log.debug("running %s", cmd)
    subprocess.run(cmd, shell=True, check=True, timeout=30)
    return target


@bp.post("/media/<int:media_id>/thumbnail")
def thumbnail(media_id: int):
    size = request.form.get("size", "128x128")
    source = Path(current_app.config["MEDIA_ROOT"]) / f"{media_id}.jpg"
    if not source.exists():
        abort(404)
    out = make_thumbnail(source, size)
    return {"thumbnail": out.name}
