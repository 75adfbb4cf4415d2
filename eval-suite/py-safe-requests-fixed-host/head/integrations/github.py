import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/github/<username>/repos")
def repos(username):
    per_page = int(request.args.get("per_page", 30))
    resp = requests.get(f"https://api.github.com/users/{username}/repos", params={"per_page": per_page}, timeout=5)
    return jsonify([r["full_name"] for r in resp.json()])
