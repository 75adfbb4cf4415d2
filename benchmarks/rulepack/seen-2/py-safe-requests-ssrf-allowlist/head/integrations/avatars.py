from urllib.parse import urlparse

import requests
from django.core.files.base import ContentFile
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

AVATAR_HOSTS = frozenset({"avatars.githubusercontent.com", "secure.gravatar.com"})


def _allowed(url: str) -> bool:
    parts = urlparse(url)
    return parts.scheme == "https" and parts.hostname in AVATAR_HOSTS and parts.port in (None, 443)


@require_POST
def import_avatar(request):
    url = request.POST.get("url", "")
    if not _allowed(url):
        return HttpResponseBadRequest("unsupported avatar host")
    resp = requests.get(url, timeout=5, allow_redirects=False)
    resp.raise_for_status()
    request.user.profile.avatar.save("avatar.png", ContentFile(resp.content[:1_000_000]))
    return JsonResponse({"ok": True})
