# mypy: ignore-errors
# ruff: noqa

import requests, httpx
from urllib.parse import urlparse
from flask import Flask, request

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example.com"}

@app.post("/webhook/test")
def webhook_test():
    url = request.json["url"]
    # ruleid: pr-review.python.ssrf
    r = requests.post(url, json={"ping": True}, timeout=5)
    return str(r.status_code)

@app.get("/preview")
def preview():
    target = request.args.get("u")
    # ruleid: pr-review.python.ssrf
    return httpx.get(target).text

@app.get("/avatar")
def avatar():
    url = request.args.get("src")
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        return "forbidden", 403
    # ok: pr-review.python.ssrf
    return requests.get(url, timeout=5).content

@app.get("/user/<login>")
def user(login):
    # ok: pr-review.python.ssrf
    r = requests.get(f"https://api.github.com/users/{login}", timeout=5)
    # ok: pr-review.python.ssrf
    r2 = requests.get("https://api.example.com/v1/items", params={"q": login})
    return r.json()


@app.route("/unfurl")
def unfurl():
    target = request.args["url"]
    session = requests.Session()
    # ruleid: pr-review.python.ssrf
    session.get(target, timeout=5)
    # ruleid: pr-review.python.ssrf
    requests.post(url=target, json={"ping": True})
    with httpx.Client(timeout=5) as client:
        # ruleid: pr-review.python.ssrf
        client.get(target)
        # ok: pr-review.python.ssrf
        client.get("https://api.example.com/unfurl", params={"url": target})
    return "ok"


CATALOG_BASE = "https://catalog.internal.example.com"


@app.get("/items/<item_id>")
def catalog_item(item_id):
    # ok: pr-review.python.ssrf
    a = requests.get(f"{CATALOG_BASE}/items/{item_id}", timeout=5)
    # ok: pr-review.python.ssrf
    b = requests.get(CATALOG_BASE + "/items/" + item_id, timeout=5)
    # ruleid: pr-review.python.ssrf
    c = requests.get(f"{request.args['base']}/items/{item_id}", timeout=5)
    # ruleid: pr-review.python.ssrf
    d = requests.get(f"{CATALOG_BASE}{request.args['path']}", timeout=5)
    return a.text + b.text + c.text + d.text


PARTNER_HOSTS = {"hooks.partner.example"}


def _partner_url(value):
    parsed = urlparse(value)
    if parsed.scheme != "https" or parsed.hostname not in PARTNER_HOSTS:
        raise ValueError("host not allowed")
    return value


@app.post("/partner-ping")
def partner_ping():
    # ok: pr-review.python.ssrf
    requests.post(_partner_url(request.json["url"]), timeout=5)
    # ruleid: pr-review.python.ssrf
    return requests.post(request.json["url"].strip(), timeout=5).text
