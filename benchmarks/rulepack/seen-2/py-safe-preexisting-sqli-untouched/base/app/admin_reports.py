import sqlite3

from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("admin_reports", __name__, url_prefix="/admin/reports")


def run_report(table: str, column: str):
    conn = sqlite3.connect(current_app.config["DATABASE"])
    try:
        return conn.execute("SELECT " + column + ", COUNT(*) FROM " + table + " GROUP BY " + column).fetchall()
    finally:
        conn.close()


@bp.get("/")
def report():
    rows = run_report(request.args["table"], request.args["column"])
    return jsonify(rows)
