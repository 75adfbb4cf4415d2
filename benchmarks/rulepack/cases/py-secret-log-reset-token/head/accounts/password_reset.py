import logging
import secrets

from django.core.mail import send_mail

from .models import PasswordReset

logger = logging.getLogger(__name__)


def start_password_reset(user):
    token = secrets.token_urlsafe(32)
    PasswordReset.objects.create(user=user, token_hash=PasswordReset.hash(token))
    logger.info("password reset for %s: token=%s", user.email, token)
    send_mail(
        "Reset your password",
        f"https://app.example.com/reset/{token}",
        "no-reply@example.com",
        [user.email],
    )
