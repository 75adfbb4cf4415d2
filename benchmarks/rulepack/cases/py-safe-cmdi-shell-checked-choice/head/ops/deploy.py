import subprocess

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("deploy", __name__)

ENVIRONMENTS = ("staging", "production")


@bp.post("/deploy")
def deploy():
    env = request.json.get("environment", "staging")
    if env not in ENVIRONMENTS:
        abort(400)
    result = subprocess.run(f"make deploy ENV={env}", shell=True, capture_output=True, timeout=600)
    return jsonify(returncode=result.returncode)
