import hashlib
from pathlib import Path

from flask import Blueprint, current_app, make_response, request

bp = Blueprint("static_cache", __name__)


def etag_for(content: bytes) -> str:
    return hashlib.md5(content, usedforsecurity=False).hexdigest()


@bp.get("/bundle.js")
def bundle():
    path = Path(current_app.static_folder) / "dist" / "bundle.js"
    content = path.read_bytes()
    tag = etag_for(content)
    if request.headers.get("If-None-Match") == tag:
        return "", 304
    resp = make_response(content)
    resp.headers["ETag"] = tag
    resp.headers["Content-Type"] = "application/javascript"
    return resp
