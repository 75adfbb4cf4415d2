import logging

from flask import request, session

from .users import check_credentials

logger = logging.getLogger(__name__)


def login():
    username = request.form["username"]
    password = request.form["password"]
    user = check_credentials(username, password)
    logger.info("login attempt user=%s success=%s", username, user is not None)
    if user is None:
        return "invalid credentials", 401
    session["uid"] = user.id
    return "ok"
