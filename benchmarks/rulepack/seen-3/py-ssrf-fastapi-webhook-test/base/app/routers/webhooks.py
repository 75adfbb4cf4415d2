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


@router.post("", status_code=status.HTTP_201_CREATED)
def create_webhook(body: WebhookIn, user: User = Depends(current_user), db: Session = Depends(get_db)):
    hook = Webhook(owner_id=user.id, url=str(body.url), events=body.events)
    db.add(hook)
    db.commit()
    return {"id": hook.id, "url": hook.url, "events": hook.events}


@router.delete("/{hook_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_webhook(hook_id: int, user: User = Depends(current_user), db: Session = Depends(get_db)):
    hook = db.get(Webhook, hook_id)
    if hook is None or hook.owner_id != user.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    db.delete(hook)
    db.commit()
