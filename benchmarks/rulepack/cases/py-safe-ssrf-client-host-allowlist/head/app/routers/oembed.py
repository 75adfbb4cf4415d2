from urllib.parse import urlparse

import httpx
from fastapi import APIRouter, HTTPException

router = APIRouter()
OEMBED_PROVIDERS = {"www.youtube.com": "https://www.youtube.com/oembed", "vimeo.com": "https://vimeo.com/api/oembed.json"}


@router.get("/oembed")
async def oembed(url: str):
    host = urlparse(url).hostname
    if host not in OEMBED_PROVIDERS:
        raise HTTPException(status_code=400, detail="unsupported provider")
    async with httpx.AsyncClient(timeout=5.0) as client:
        resp = await client.get(OEMBED_PROVIDERS[host], params={"url": url, "format": "json"})
    return resp.json()
