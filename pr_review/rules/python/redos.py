# mypy: ignore-errors
# ruff: noqa

import re

from flask import Flask, abort, request

app = Flask(__name__)
USERNAME_RE = re.compile(r"^([a-zA-Z0-9]+\s?)*$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOMAIN_RE = re.compile(r"^([a-z0-9-]+\.)+[a-z]{2,}$")


@app.route("/signup", methods=["POST"])
def signup():
    name = request.form["username"]
    # ruleid: pr-review.python.redos
    if not USERNAME_RE.match(name):
        abort(400)
    # ok: pr-review.python.redos
    if not USERNAME_RE.match(name[:64]):
        abort(400)
    return "ok"


@app.route("/search")
def search():
    q = request.args.get("q", "")
    # ruleid: pr-review.python.redos
    words = re.findall(r"(\w+\s?)*", q)
    # ruleid: pr-review.python.redos
    cleaned = re.sub(r"(\d+)*$", "", q)
    # ok: pr-review.python.redos
    if SLUG_RE.match(q):
        pass
    # ok: pr-review.python.redos
    if DOMAIN_RE.match(q):
        pass
    # ok: pr-review.python.redos
    return re.sub(r"\s+", " ", q)


def validate_profile(data):
    errors = []
    # ruleid: pr-review.python.redos
    if not USERNAME_RE.fullmatch(data["username"]):
        errors.append("username")
    # ok: pr-review.python.redos
    if not USERNAME_RE.fullmatch(data["username"][:32]):
        errors.append("username")
    # ok: pr-review.python.redos
    if not SLUG_RE.fullmatch(data.slug):
        errors.append("slug")
    # ok: pr-review.python.redos
    if USERNAME_RE.match("constant"):
        errors.append("never")
    return errors
