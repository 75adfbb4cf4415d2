from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter()
REPORTS = Path("/var/lib/app/reports").resolve()


def _report_file(name: str) -> Path:
    candidate = (REPORTS / name).resolve()
    if not candidate.is_relative_to(REPORTS):
        raise HTTPException(status_code=404)
    return candidate


@router.get("/reports/{name}")
def download_report(name: str):
    return FileResponse(_report_file(name), media_type="application/pdf")
