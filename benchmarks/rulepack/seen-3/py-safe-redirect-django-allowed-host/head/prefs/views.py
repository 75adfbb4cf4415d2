from zoneinfo import available_timezones

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import Preferences

TIMEZONES = frozenset(available_timezones())


@login_required
def preferences(request):
    prefs, _ = Preferences.objects.get_or_create(user=request.user)
    return render(request, "prefs/preferences.html", {"prefs": prefs})


@login_required
@require_POST
def set_timezone(request):
    tz = request.POST.get("timezone", "")
    if tz not in TIMEZONES:
        return HttpResponseBadRequest("unknown time zone")
    Preferences.objects.update_or_create(user=request.user, defaults={"timezone": tz})

    next_url = request.POST.get("next") or request.headers.get("referer")
    if not url_has_allowed_host_and_scheme(
        url=next_url,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        next_url = reverse("prefs:preferences")
    return HttpResponseRedirect(next_url)
