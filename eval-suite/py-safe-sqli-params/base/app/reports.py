from flask import Blueprint, jsonify

from .db import get_db

bp = Blueprint("reports", __name__)


@bp.route("/reports")
def list_reports():
    db = get_db()
    rows = db.execute("SELECT id, title FROM reports ORDER BY id").fetchall()
    return jsonify([dict(r) for r in rows])
