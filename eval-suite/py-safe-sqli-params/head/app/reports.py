from flask import Blueprint, jsonify, request

from .db import get_db

bp = Blueprint("reports", __name__)


@bp.route("/reports")
def list_reports():
    db = get_db()
    rows = db.execute("SELECT id, title FROM reports ORDER BY id").fetchall()
    return jsonify([dict(r) for r in rows])


@bp.route("/reports/search")
def search_reports():
    db = get_db()
    term = request.args.get("q", "")
    sql = "SELECT id, title FROM reports WHERE title LIKE ? ORDER BY id"
    rows = db.execute(sql, (f"%{term}%",)).fetchall()
    return jsonify([dict(r) for r in rows])
