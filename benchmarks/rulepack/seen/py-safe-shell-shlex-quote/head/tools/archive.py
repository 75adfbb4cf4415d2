import shlex
import subprocess

from flask import request

from .app import app


@app.post("/archive")
def archive():
    name = request.form["name"]
    cmd = f"tar -czf /srv/archives/{shlex.quote(name)}.tgz -C /srv/data ."
    subprocess.run(cmd, shell=True, check=True, timeout=60)
    return "", 204
