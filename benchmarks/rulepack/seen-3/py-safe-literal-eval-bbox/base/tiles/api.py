from flask import Blueprint, jsonify

from .store import layer_names

bp = Blueprint("tiles", __name__, url_prefix="/api/tiles")


@bp.get("/layers")
def layers():
    return jsonify(layers=layer_names())
