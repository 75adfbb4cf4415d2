from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()
LOG_DIR = Path("/var/log/service").resolve()


@app.get("/logs/{log_name}")
async def read_log(log_name: str):
    log_path = (LOG_DIR / log_name).resolve()
    if not log_path.is_relative_to(LOG_DIR):
        raise HTTPException(status_code=400, detail="invalid log name")
    return FileResponse(log_path, media_type="text/plain")
