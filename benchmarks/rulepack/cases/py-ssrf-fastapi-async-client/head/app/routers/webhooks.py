import httpx
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter()


class WebhookTest(BaseModel):
    url: str
    event: str = "ping"


@router.post("/webhooks/test")
async def test_webhook(payload: WebhookTest):
    async with httpx.AsyncClient(timeout=5.0) as client:
        resp = await client.post(payload.url, json={"event": payload.event})
    if resp.status_code >= 400:
        raise HTTPException(status_code=502, detail="endpoint rejected the test event")
    return {"status": resp.status_code}
