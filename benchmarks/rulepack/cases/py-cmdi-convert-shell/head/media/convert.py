import subprocess
import uuid

from flask import Flask, request, send_file

app = Flask(__name__)


@app.post("/convert")
def convert():
    upload = request.files["image"]
    src = f"/tmp/{uuid.uuid4()}.png"
    upload.save(src)
    target_format = request.form.get("format", "jpg")
    out = src.rsplit(".", 1)[0] + "." + target_format
    cmd = f"convert {src} -quality 85 {out}"
    subprocess.run(cmd, shell=True, check=True)
    return send_file(out)
