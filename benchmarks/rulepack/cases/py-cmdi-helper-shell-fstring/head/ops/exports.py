import subprocess
from pathlib import Path

from flask import Blueprint, jsonify, request

bp = Blueprint("exports", __name__)
EXPORT_DIR = Path("/var/exports")


def _compress(table: str) -> Path:
    out = EXPORT_DIR / "latest.sql.gz"
    subprocess.run(f"pg_dump --table={table} app | gzip > {out}", shell=True, check=True)
    return out


@bp.post("/admin/exports")
def create_export():
    table = request.json["table"]
    path = _compress(table)
    return jsonify({"path": str(path)})
