import logging
import secrets
from datetime import datetime, timedelta, timezone

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import ResetToken

logger = logging.getLogger("accounts.reset")


@require_POST
def request_reset(request):
    email = request.POST.get("email", "").strip().lower()
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        return JsonResponse({"ok": True})
    token = secrets.token_urlsafe(32)
    ResetToken.objects.create(
        user=user, token=token, expires=datetime.now(timezone.utc) + timedelta(hours=1)
    )
    logger.info("issued password reset token %s for %s", token, email)
    send_mail("Reset your password", f"https://example.com/reset/{token}", None, [email])
    return JsonResponse({"ok": True})
