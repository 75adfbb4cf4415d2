import subprocess
import tempfile

from flask import Flask, request

app = Flask(__name__)


@app.post("/mirror")
def mirror():
    repo_url = request.json["repo"]
    workdir = tempfile.mkdtemp()
    subprocess.run(["git", "clone", "--depth", "1", "--", repo_url, workdir], check=True, timeout=120)
    return {"path": workdir}
