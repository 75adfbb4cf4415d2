# mypy: ignore-errors
# ruff: noqa

from flask import Flask, request, render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)
env = Environment()

@app.route("/greet")
def greet():
    name = request.args.get("name", "guest")
    page = "<h1>Hello " + name + "</h1>"
    # ruleid: pr-review.python.template-injection
    return render_template_string(page)

@app.route("/greet2")
def greet2():
    name = request.args.get("name", "guest")
    # ok: pr-review.python.template-injection
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)

@app.post("/preview")
def preview():
    body = request.get_json()["template"]
    # ruleid: pr-review.python.template-injection
    tpl = env.from_string(body)
    # ruleid: pr-review.python.template-injection
    t2 = Template(f"Dear {body},")
    # ok: pr-review.python.template-injection
    t3 = Template("Dear {{ who }},").render(who=body)
    return tpl.render()
