from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def finish_login(request, user):
    login(request, user)
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
        return HttpResponseRedirect(next_url)
    return redirect("dashboard")
