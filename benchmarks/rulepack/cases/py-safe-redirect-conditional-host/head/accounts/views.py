from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponseRedirect


def switch_account(request):
    nxt = request.GET.get("next", "/")
    target = nxt if urlparse(nxt).hostname in settings.TRUSTED_REDIRECT_HOSTS else "/"
    return HttpResponseRedirect(target)
