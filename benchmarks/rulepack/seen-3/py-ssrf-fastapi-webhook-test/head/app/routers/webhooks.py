import httpx
from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, HttpUrl
from sqlalchemy.orm import Session

from app.auth import current_user
from app.db import get_db
from app.models import User, Webhook

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


class WebhookIn(BaseModel):
    url: HttpUrl
    events: list[str] = ["push"]


class WebhookTest(BaseModel):
    url: HttpUrl
    event: str = "ping"


@router.post("", status_code=status.HTTP_201_CREATED)
def create_webhook(body: WebhookIn, user: User = Depends(current_user), db: Session = Depends(get_db)):
    hook = Webhook(owner_id=user.id, url=str(body.url), events=body.events)
    db.add(hook)
    db.commit()
    return {"id": hook.id, "url": hook.url, "events": hook.events}


@router.post("/test")
async def test_delivery(body: WebhookTest, user: User = Depends(current_user)):
    """Send a sample event so users can check their endpoint before saving it."""
    payload = {"event": body.event, "sender": {"id": user.id, "login": user.username}, "test": True}
    async with httpx.AsyncClient(timeout=10.0, follow_redirects=True) as client:
        try:
            response = await client.post(str(body.url), json=payload)
        except httpx.HTTPError as exc:
            raise HTTPException(status.HTTP_502_BAD_GATEWAY, f"delivery failed: {exc}") from exc
    return {"status": response.status_code, "headers": dict(response.headers), "body": response.text[:4000]}


@router.delete("/{hook_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_webhook(hook_id: int, user: User = Depends(current_user), db: Session = Depends(get_db)):
    hook = db.get(Webhook, hook_id)
    if hook is None or hook.owner_id != user.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    db.delete(hook)
    db.commit()
