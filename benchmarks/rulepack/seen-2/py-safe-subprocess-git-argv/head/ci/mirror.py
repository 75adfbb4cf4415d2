import shutil
import subprocess
import tempfile
from pathlib import Path

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, HttpUrl

router = APIRouter()
GIT = shutil.which("git") or "git"


class MirrorRequest(BaseModel):
    repository: HttpUrl
    branch: str = "main"


@router.post("/mirror")
def mirror(req: MirrorRequest) -> dict[str, str]:
    workdir = Path(tempfile.mkdtemp(prefix="mirror-"))
    argv = [GIT, "clone", "--depth", "1", "--branch", req.branch, "--", str(req.repository), str(workdir)]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        raise HTTPException(status_code=422, detail="clone failed")
    head = subprocess.run([GIT, "-C", str(workdir), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    return {"path": str(workdir), "commit": head.stdout.strip()}
