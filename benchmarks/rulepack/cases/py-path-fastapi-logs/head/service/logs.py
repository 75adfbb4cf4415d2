from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()
LOG_DIR = Path("/var/log/service")


@app.get("/logs/{log_name}")
async def read_log(log_name: str):
    log_path = LOG_DIR / log_name
    return FileResponse(log_path, media_type="text/plain")
