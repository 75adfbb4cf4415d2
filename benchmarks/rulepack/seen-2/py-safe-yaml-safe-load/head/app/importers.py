import yaml
from flask import Blueprint, jsonify, request

from .models import Pipeline, db

bp = Blueprint("importers", __name__, url_prefix="/pipelines")
MAX_BYTES = 256 * 1024


@bp.post("/import")
def import_pipeline():
    upload = request.files.get("file")
    if upload is None:
        return jsonify(error="file required"), 400
    raw = upload.stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        return jsonify(error="file too large"), 413
    try:
        spec = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        return jsonify(error=f"invalid YAML: {exc}"), 422
    if not isinstance(spec, dict) or "steps" not in spec:
        return jsonify(error="missing steps"), 422
    pipeline = Pipeline(name=str(spec.get("name", "imported")), steps=spec["steps"])
    db.session.add(pipeline)
    db.session.commit()
    return jsonify(id=pipeline.id), 201
