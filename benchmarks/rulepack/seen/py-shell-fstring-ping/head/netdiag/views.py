import subprocess

from fastapi import APIRouter

router = APIRouter()


@router.get("/diag/ping")
def ping(host: str):
    cmd = f"ping -c 3 -W 1 {host}"
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10)
    return {"rc": proc.returncode, "out": proc.stdout}
