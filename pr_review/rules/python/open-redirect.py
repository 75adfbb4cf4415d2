# mypy: ignore-errors
# ruff: noqa

from urllib.parse import urlparse
from django.conf import settings
from flask import Flask, abort, request, redirect, url_for
from django.http import HttpResponseRedirect
from fastapi.responses import RedirectResponse
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

@app.route("/login", methods=["POST"])
def login():
    nxt = request.args.get("next", "/")
    # ruleid: pr-review.python.open-redirect
    return redirect(nxt)

@app.route("/logout")
def logout():
    target = request.args.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    # ok: pr-review.python.open-redirect
    return redirect(target)

@app.route("/go/<page>")
def go(page):
    # ok: pr-review.python.open-redirect
    return redirect(url_for("pages.show", name=page))

@app.route("/p/<slug>")
def p(slug):
    # ok: pr-review.python.open-redirect
    return redirect(f"/posts/{slug}")

def django_login(request):
    url = request.POST.get("next")
    # ruleid: pr-review.python.open-redirect
    return HttpResponseRedirect(url)

def django_login_ok(request):
    url = request.POST.get("next")
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        # ok: pr-review.python.open-redirect
        return HttpResponseRedirect(url)
    return HttpResponseRedirect("/")

ALLOWED_HOSTS = {"example.com"}


def _safe_next(url):
    parsed = urlparse(url)
    if parsed.netloc and parsed.netloc not in ALLOWED_HOSTS:
        return "/"
    return url


@app.route("/g1")
def g1():
    # ok: pr-review.python.open-redirect
    return redirect(_safe_next(request.args.get("next", "/")))


@app.route("/g2")
def g2():
    nxt = request.args.get("next", "/")
    target = nxt if urlparse(nxt).netloc in ALLOWED_HOSTS else "/"
    # ok: pr-review.python.open-redirect
    return redirect(target)


def g3(request):
    key = request.GET.get("to", "home")
    # ok: pr-review.python.open-redirect
    return redirect(settings.LANDING_PAGES.get(key, "/"))


@app.route("/g4")
def g4():
    nxt = request.args.get("next", "/")
    if not is_safe_redirect_target(nxt):
        abort(400)
    # ok: pr-review.python.open-redirect
    return redirect(nxt)


@app.route("/g5")
def g5():
    nxt = request.args.get("next", "/")
    log_redirect(nxt)
    # ruleid: pr-review.python.open-redirect
    return redirect(nxt)


@app.route("/g6")
def g6():
    # ruleid: pr-review.python.open-redirect
    return RedirectResponse(url=request.args.get("next", "/"), status_code=303)


TRUSTED_HOSTS = {"app.example.com"}


def _target(value):
    parsed = urlparse(value)
    if parsed.netloc and parsed.netloc not in TRUSTED_HOSTS:
        return url_for("index")
    return value


def _local(value):
    if not value.startswith("/") or value.startswith("//"):
        raise ValueError("external")
    return value


def _tracking(value):
    if value.startswith("/"):
        return value + "?src=mail"
    return value


@app.get("/after-login")
def after_login():
    # ok: pr-review.python.open-redirect
    a = redirect(_target(request.args.get("next", "/")))
    # ok: pr-review.python.open-redirect
    b = redirect(_local(request.args.get("next", "/")))
    # ruleid: pr-review.python.open-redirect
    return redirect(_tracking(request.args.get("next", "/")))
