import re
from pathlib import Path

from fastapi import APIRouter, Query

router = APIRouter(prefix="/logs")
LOG_FILE = Path("/var/log/app/app.log")


def tail_lines(path: Path, limit: int = 5000) -> list[str]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        return fh.readlines()[-limit:]


@router.get("/search")
def search_logs(pattern: str = Query(..., max_length=200), limit: int = 100) -> dict[str, list[str]]:
    matcher = re.compile(pattern)
    hits = [line.rstrip("\n") for line in tail_lines(LOG_FILE) if matcher.search(line)]
    return {"lines": hits[:limit]}
