from urllib.parse import urlparse

from flask import Blueprint, redirect, request, url_for

bp = Blueprint("sso", __name__)

ALLOWED_HOSTS = {"app.example.com", "docs.example.com"}


@bp.get("/sso/done")
def done():
    target = request.args.get("next", "")
    parsed = urlparse(target)
    if parsed.scheme not in ("https", "") or (parsed.netloc and parsed.netloc not in ALLOWED_HOSTS):
        return redirect(url_for("index"))
    return redirect(target)
