import subprocess
import uuid

from flask import Flask, abort, request, send_file

app = Flask(__name__)
FORMATS = {"jpg", "png", "webp"}


@app.post("/convert")
def convert():
    upload = request.files["image"]
    src = f"/tmp/{uuid.uuid4()}.png"
    upload.save(src)
    target_format = request.form.get("format", "jpg")
    if target_format not in FORMATS:
        abort(400)
    out = src.rsplit(".", 1)[0] + "." + target_format
    subprocess.run(["convert", src, "-quality", "85", out], check=True)
    return send_file(out)
