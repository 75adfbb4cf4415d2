import hmac
import json
from hashlib import sha256

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
