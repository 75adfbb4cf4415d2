# mypy: ignore-errors
# ruff: noqa

from flask import Flask, request, redirect, url_for
from django.http import HttpResponseRedirect
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
