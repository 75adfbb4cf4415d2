# mypy: ignore-errors
# ruff: noqa

import os, shlex, subprocess
from flask import Flask, request

app = Flask(__name__)

@app.post("/ping")
def ping():
    host = request.form["host"]
    cmd = "ping -c 1 " + host
    # ruleid: pr-review.python.command-injection
    os.system(cmd)
    # ruleid: pr-review.python.command-injection
    subprocess.run(f"nslookup {host}", shell=True, check=True)
    # ruleid: pr-review.python.command-injection
    subprocess.check_output(["bash", "-c", "dig " + host])
    # ok: pr-review.python.command-injection
    subprocess.run(["ping", "-c", "1", host], check=True)
    # ok: pr-review.python.command-injection
    subprocess.run("ping -c 1 " + shlex.quote(host), shell=True)
    count = int(request.args.get("n", "1"))
    # ok: pr-review.python.command-injection
    os.system(f"ping -c {count} localhost")
    return "done"

@app.route("/run/<tool>")
def run_tool(tool):
    # ruleid: pr-review.python.command-injection
    return subprocess.check_output([tool, "--version"])

@app.post("/archive")
def archive():
    fmt = request.form["format"]
    if fmt not in {"zip", "tar"}:
        return "bad format", 400
    # ok: pr-review.python.command-injection
    os.system(f"make archive FORMAT={fmt}")
    return "ok"

def backup(path):
    # ok: pr-review.python.command-injection
    os.system("tar czf /tmp/b.tgz " + path)


def run_backup(target):
    subprocess.run(f"tar czf /backups/out.tgz {target}", shell=True, check=True)


def archive_argv(target):
    subprocess.run(["tar", "czf", "/backups/out.tgz", "--", target], check=True)


@app.route("/backup")
def backup():
    # ruleid: pr-review.python.command-injection
    run_backup(request.args["dir"])
    # ok: pr-review.python.command-injection
    archive_argv(request.args["dir"])
    # ok: pr-review.python.command-injection
    run_backup("/srv/www")
    return "ok"
