import os
import shutil
import subprocess
import tempfile

from flask import Blueprint, abort, after_this_request, current_app, request, send_file
from flask_login import login_required

bp = Blueprint("convert", __name__, url_prefix="/convert")

TARGET_FORMATS = {"pdf", "docx", "odt", "html", "txt"}


@bp.post("/")
@login_required
def convert_document():
    upload = request.files.get("document")
    target = request.form.get("format", "pdf").lower()
    if upload is None or not upload.filename or target not in TARGET_FORMATS:
        abort(400)

    workdir = tempfile.mkdtemp(dir=current_app.config["CONVERT_TMP"])

    @after_this_request
    def cleanup(response):
        shutil.rmtree(workdir, ignore_errors=True)
        return response

    source = os.path.join(workdir, upload.filename)
    upload.save(source)
    cmd = f'soffice --headless --convert-to {target} --outdir {workdir} "{source}"'
    result = subprocess.run(cmd, shell=True, capture_output=True, timeout=120)
    if result.returncode != 0:
        current_app.logger.error("conversion failed: %s", result.stderr.decode(errors="replace"))
        abort(422)

    stem = os.path.splitext(os.path.basename(source))[0]
    return send_file(os.path.join(workdir, f"{stem}.{target}"), as_attachment=True)
