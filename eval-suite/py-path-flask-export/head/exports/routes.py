import os

from flask import Flask, abort, request

app = Flask(__name__)
EXPORT_ROOT = "/data/exports"


@app.get("/exports/download")
def download_export():
    customer = request.args["customer"]
    filename = request.args["file"]
    full_path = os.path.join(EXPORT_ROOT, customer, filename)
    if not os.path.exists(full_path):
        abort(404)
    with open(full_path, "rb") as fh:
        data = fh.read()
    return data, 200, {"Content-Type": "application/octet-stream"}
