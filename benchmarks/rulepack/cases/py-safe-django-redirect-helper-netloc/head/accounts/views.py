from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect


def _return_to(candidate):
    if not candidate:
        return settings.LOGIN_REDIRECT_URL
    parts = urlparse(candidate)
    if parts.scheme not in ("", "https") or (parts.netloc and parts.netloc != settings.SITE_DOMAIN):
        return settings.LOGIN_REDIRECT_URL
    return candidate


def logout_view(request):
    logout(request)
    return redirect(_return_to(request.GET.get("return_to")))
