import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/pipelines")
def create_pipeline():
    spec_file = request.files["spec"]
    spec = yaml.safe_load(spec_file.read())
    steps = spec.get("steps", [])
    return jsonify({"steps": len(steps)})
