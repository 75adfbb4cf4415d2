import logging

from flask import request, session

from .users import check_credentials

logger = logging.getLogger(__name__)


def login():
    username = request.form["username"]
    password = request.form["password"]
    logger.info("login attempt user=%s password=%s", username, password)
    user = check_credentials(username, password)
    if user is None:
        return "invalid credentials", 401
    session["uid"] = user.id
    return "ok"
