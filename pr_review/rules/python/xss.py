# mypy: ignore-errors
# ruff: noqa

import html
from flask import Flask, request, make_response
from markupsafe import Markup, escape
from django.http import HttpResponse
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = Flask(__name__)
api = FastAPI()

@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: pr-review.python.xss
    return "<h1>Hello " + name + "</h1>"

@app.route("/hello2")
def hello2():
    name = request.args.get("name", "")
    # ok: pr-review.python.xss
    return "<h1>Hello " + html.escape(name) + "</h1>"

@app.route("/bio")
def bio():
    text = request.args["bio"]
    # ruleid: pr-review.python.xss
    return make_response(Markup(f"<p>{text}</p>"))

@app.route("/bio2")
def bio2():
    text = request.args["bio"]
    # ok: pr-review.python.xss
    return Markup("<p>{}</p>").format(escape(text))

def comment(request):
    body = request.POST.get("body")
    # ruleid: pr-review.python.xss
    return HttpResponse("<div class=comment>%s</div>" % body)

def comment_ok(request):
    body = request.POST.get("body")
    # ok: pr-review.python.xss
    return HttpResponse("<div class=comment>%s</div>" % html.escape(body))

@app.get("/hello")
def hello_get():
    name = request.args.get("name", "")
    # ruleid: pr-review.python.xss
    return f"<h1>Hello {name}</h1>"

@app.get("/hello-escaped")
def hello_escaped():
    name = request.args.get("name", "")
    # ok: pr-review.python.xss
    return f"<h1>Hello {escape(name)}</h1>"

@api.get("/greet", response_class=HTMLResponse)
def greet(name: str):
    # ruleid: pr-review.python.xss
    return f"<h1>Hello {name}</h1>"
