import secrets
from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone

from .models import Invite


def invite(team, email: str) -> Invite:
    invite = Invite.objects.create(
        team=team,
        email=email,
        code=secrets.token_urlsafe(32),
        expires=timezone.now() + timedelta(days=7),
    )
    send_mail(
        f"Join {team.name}",
        f"https://app.example.com/join/{invite.code}",
        "no-reply@example.com",
        [email],
    )
    return invite
