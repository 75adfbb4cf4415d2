import hmac
import json
from hashlib import sha256

import requests
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Webhook


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, sha256).hexdigest()


@require_POST
def create_webhook(request):
    data = json.loads(request.body)
    hook = Webhook.objects.create(owner=request.user, url=data["url"], secret=data["secret"])
    return JsonResponse({"id": hook.id}, status=201)


@require_POST
def test_webhook(request):
    data = json.loads(request.body)
    body = json.dumps({"event": "ping"}).encode()
    resp = requests.post(
        data["url"],
        data=body,
        headers={"X-Signature": sign(data.get("secret", ""), body)},
        timeout=5,
    )
    return JsonResponse({"status": resp.status_code, "body": resp.text[:500]})
