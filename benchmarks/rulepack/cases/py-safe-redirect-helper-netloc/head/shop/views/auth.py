from urllib.parse import urlparse

from flask import Blueprint, redirect, request, session

bp = Blueprint("auth", __name__)


def _safe_next(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or not url.startswith("/"):
        return "/"
    return url


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(_safe_next(request.args.get("next", "/")))
