import logging

from flask import Blueprint, jsonify, request
from werkzeug.security import check_password_hash

from .models import User

log = logging.getLogger("auth")
bp = Blueprint("signin", __name__)


@bp.post("/signin")
def signin():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    user = User.query.filter_by(username=username).first()
    ok = user is not None and check_password_hash(user.password_hash, password)
    log.info("sign-in attempt user=%s ok=%s ip=%s", username, ok, request.remote_addr)
    if not ok:
        return jsonify(error="invalid credentials"), 401
    return jsonify(user_id=user.id)
