import subprocess
import uuid
from pathlib import Path

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter()
EXPORT_DIR = Path("/var/lib/app/exports")


class ExportRequest(BaseModel):
    database: str
    table: str


def _dump(database: str, table: str, target: Path) -> None:
    cmd = f"pg_dump --data-only -t {table} {database} | gzip > {target}"
    subprocess.run(cmd, shell=True, check=True, timeout=300)


@router.post("/exports")
def create_export(body: ExportRequest):
    target = EXPORT_DIR / f"{uuid.uuid4().hex}.sql.gz"
    try:
        _dump(body.database, body.table, target)
    except subprocess.CalledProcessError:
        raise HTTPException(status_code=500, detail="export failed")
    return {"file": target.name}
