# mypy: ignore-errors
# ruff: noqa

import ast, importlib, json
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


def apply_formula(formula, row):
    # ruleid: pr-review.python.code-injection
    return eval(formula, {"__builtins__": {}}, row)


def load_plugin(module_name):
    # ok: pr-review.python.code-injection
    return importlib.import_module(module_name)


def constant_code():
    source = "total = 1 + 2"
    # ok: pr-review.python.code-injection
    exec(source)
    # ok: pr-review.python.code-injection
    exec(compile("x = 1", "<const>", "exec"))


def load_module_code(name):
    # ruleid: pr-review.python.code-injection
    exec("import plugins.%s as plugin" % name)
