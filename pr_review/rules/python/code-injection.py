# mypy: ignore-errors
# ruff: noqa

import ast, json
from flask import Flask, request

app = Flask(__name__)

@app.post("/calc")
def calc():
    expr = request.json.get("expression")
    # ruleid: pr-review.python.code-injection
    result = eval(expr)
    # ok: pr-review.python.code-injection
    value = ast.literal_eval(expr)
    # ok: pr-review.python.code-injection
    data = json.loads(expr)
    # ok: pr-review.python.code-injection
    eval("1 + 2")
    return str(result)

@app.route("/plugin/<name>")
def plugin(name):
    code = "import plugins.%s as p" % name
    # ruleid: pr-review.python.code-injection
    exec(code)
