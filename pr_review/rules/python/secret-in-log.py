# mypy: ignore-errors
# ruff: noqa

import logging
logger = logging.getLogger(__name__)

def login(username, password):
    # ruleid: pr-review.python.secret-in-log
    logger.info("login attempt user=%s password=%s", username, password)
    # ok: pr-review.python.secret-in-log
    logger.info("login attempt user=%s", username)
    # ok: pr-review.python.secret-in-log
    logger.debug("password length %d", len(password))

def refresh(session, resp):
    token = resp.json()["access_token"]
    msg = f"refreshed token {token} for {session.user}"
    # ruleid: pr-review.python.secret-in-log
    logging.debug(msg)
    # ok: pr-review.python.secret-in-log
    logging.debug("password_reset_url sent to %s", session.user)

def auth(request):
    # ruleid: pr-review.python.secret-in-log
    app.logger.warning("bad auth header %s", request.headers["Authorization"])

def issue(user, token, tokenizer):
    # ruleid: pr-review.python.secret-in-log
    logger.info(f"issued token {token} to {user}")
    # ok: pr-review.python.secret-in-log
    logger.info("tokenizer %s ready", tokenizer)
