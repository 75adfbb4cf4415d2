import random
import string
from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone

from .models import ResetToken

ALPHABET = string.ascii_letters + string.digits


def _new_token(length: int = 32) -> str:
    return "".join(random.choice(ALPHABET) for _ in range(length))


def start_reset(user) -> None:
    token = ResetToken.objects.create(
        user=user, value=_new_token(), expires=timezone.now() + timedelta(hours=1)
    )
    send_mail(
        "Reset your password",
        f"https://app.example.com/reset/{token.value}",
        "no-reply@example.com",
        [user.email],
    )
