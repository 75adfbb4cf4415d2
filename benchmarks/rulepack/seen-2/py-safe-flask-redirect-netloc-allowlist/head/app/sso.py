from urllib.parse import urlparse

from flask import Blueprint, abort, redirect, request, session, url_for

bp = Blueprint("sso", __name__, url_prefix="/sso")

TRUSTED_RETURN_HOSTS = frozenset({"app.example.com", "admin.example.com"})


def is_trusted_return(target: str) -> bool:
    parts = urlparse(target)
    if not parts.netloc:
        return parts.path.startswith("/") and not parts.path.startswith("//")
    return parts.scheme == "https" and parts.netloc in TRUSTED_RETURN_HOSTS


@bp.get("/callback")
def callback():
    state = request.args.get("state")
    if not state or state != session.pop("sso_state", None):
        abort(400)
    target = request.args.get("return_to") or url_for("dashboard.index")
    if not is_trusted_return(target):
        target = url_for("dashboard.index")
    session["user_id"] = request.args["uid"]
    return redirect(target)
