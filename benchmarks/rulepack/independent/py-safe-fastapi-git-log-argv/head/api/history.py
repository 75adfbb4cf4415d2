import subprocess

from fastapi import APIRouter, HTTPException, Query

router = APIRouter()
REPO_ROOT = "/srv/docs-repo"


@router.get("/history")
def file_history(path: str = Query(..., max_length=300), limit: int = Query(20, le=200)):
    argv = ["git", "-C", REPO_ROOT, "log", f"-n{limit}", "--format=%H%x09%an%x09%s", "--", path]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=10)
    if proc.returncode != 0:
        raise HTTPException(status_code=404, detail="unknown path")
    entries = []
    for line in proc.stdout.splitlines():
        sha, author, subject = line.split("\t", 2)
        entries.append({"sha": sha, "author": author, "subject": subject})
    return entries
