# mypy: ignore-errors
# ruff: noqa
import re

from flask import Flask, request

app = Flask(__name__)


@app.get("/grep")
def grep():
    pattern = request.args.get("q", "")
    lines = open("/srv/log").read().splitlines()
    # ruleid: pr-review.python.regex-injection
    hits = [l for l in lines if re.search(pattern, l)]
    # ruleid: pr-review.python.regex-injection
    rx = re.compile(request.args["rx"], re.I)
    # ok: pr-review.python.regex-injection
    safe = re.compile(re.escape(pattern))
    # ok: pr-review.python.regex-injection
    fixed = re.search(r"^[a-z]+$", pattern)
    return {"hits": hits, "rx": rx.pattern, "safe": safe.pattern, "fixed": bool(fixed)}
