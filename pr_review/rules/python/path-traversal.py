# mypy: ignore-errors
# ruff: noqa

import os, tarfile, zipfile
from pathlib import Path
from flask import Flask, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"

@app.route("/download")
def download():
    name = request.args["file"]
    full = os.path.join(UPLOADS, name)
    # ruleid: pr-review.python.path-traversal
    return send_file(full)

@app.route("/download2")
def download2():
    name = request.args["file"]
    # ok: pr-review.python.path-traversal
    return send_from_directory(UPLOADS, name)

@app.route("/download3")
def download3():
    name = secure_filename(request.args["file"])
    # ok: pr-review.python.path-traversal
    return send_file(os.path.join(UPLOADS, name))

@app.route("/report/<report_name>")
def report(report_name):
    p = Path("/srv/reports") / report_name
    # ruleid: pr-review.python.path-traversal
    return p.read_text()

@app.route("/report2/<report_name>")
def report2(report_name):
    base = Path("/srv/reports").resolve()
    p = (base / report_name).resolve()
    if not p.is_relative_to(base):
        return "forbidden", 403
    # ok: pr-review.python.path-traversal
    return p.read_text()

@app.delete("/files")
def delete():
    target = os.path.realpath(os.path.join(UPLOADS, request.json["path"]))
    if os.path.commonpath([UPLOADS, target]) != UPLOADS:
        return "bad", 400
    # ok: pr-review.python.path-traversal
    os.remove(target)

@app.post("/logs")
def append_log():
    # ruleid: pr-review.python.path-traversal
    with open(request.json["log"], "a") as fh:
        fh.write("deleted")

def local(path):
    # ok: pr-review.python.path-traversal
    return open(path).read()


@app.post("/themes/upload")
def upload_theme():
    archive = request.files["theme"]
    with tarfile.open(fileobj=archive.stream, mode="r:gz") as tar:
        # ruleid: pr-review.python.path-traversal
        tar.extractall("/srv/themes")
    with tarfile.open(fileobj=archive.stream, mode="r:gz") as tar:
        # ok: pr-review.python.path-traversal
        tar.extractall("/srv/themes", filter="data")
    with zipfile.ZipFile(archive.stream) as bundle:
        # ok: pr-review.python.path-traversal
        bundle.extractall("/srv/themes")
    return "ok"


DOCS = "/srv/docs"


def _doc_path(name):
    full = os.path.realpath(os.path.join(DOCS, name))
    if not full.startswith(DOCS + os.sep):
        raise PermissionError(name)
    return full


def _doc_path_unchecked(name):
    if name.startswith("/"):
        name = name[1:]
    return os.path.join(DOCS, name)


@app.get("/docs")
def read_doc():
    # ok: pr-review.python.path-traversal
    text = open(_doc_path(request.args["name"])).read()
    # ruleid: pr-review.python.path-traversal
    return text + open(_doc_path_unchecked(request.args["name"])).read()
