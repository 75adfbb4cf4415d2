import ast
import math

from flask import Blueprint, abort, jsonify, request

from .store import features_in, layer_names

bp = Blueprint("tiles", __name__, url_prefix="/api/tiles")

MAX_BBOX_CHARS = 200


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """Accepts "(min_lon, min_lat, max_lon, max_lat)" as the old desktop client sends it."""
    if len(raw) > MAX_BBOX_CHARS:
        raise ValueError("bbox too long")
    value = ast.literal_eval(raw)
    if not isinstance(value, (tuple, list)) or len(value) != 4:
        raise ValueError("bbox needs four numbers")
    min_lon, min_lat, max_lon, max_lat = (float(v) for v in value)
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise ValueError("bbox must be finite")
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
        raise ValueError("bbox out of range")
    return min_lon, min_lat, max_lon, max_lat


@bp.get("/layers")
def layers():
    return jsonify(layers=layer_names())


@bp.get("/<layer>/features")
def features(layer: str):
    if layer not in layer_names():
        abort(404)
    try:
        bbox = parse_bbox(request.args.get("bbox", ""))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        abort(400, description="bbox must look like (min_lon, min_lat, max_lon, max_lat)")
    return jsonify(type="FeatureCollection", features=features_in(layer, bbox, limit=1000))
