import os
import subprocess
import tempfile

from flask import Blueprint, abort, request, send_file

bp = Blueprint("media", __name__)

SIZES = {"small": "320", "medium": "640", "large": "1280"}


@bp.post("/thumbnails")
def make_thumbnail():
    image = request.files.get("image")
    size = request.form.get("size", "small")
    if image is None or size not in SIZES:
        abort(400)
    workdir = tempfile.mkdtemp()
    original = os.path.join(workdir, image.filename)
    image.save(original)
    out = os.path.join(workdir, "thumb.png")
    subprocess.run(
        f'convert "{original}" -resize {SIZES[size]} {out}',
        shell=True,
        check=True,
        timeout=60,
    )
    return send_file(out, mimetype="image/png")
