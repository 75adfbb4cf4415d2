from django.conf import settings
from django.contrib.auth import login
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from .forms import LoginForm


def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
            next_url = settings.LOGIN_REDIRECT_URL
        return HttpResponseRedirect(next_url)
    return HttpResponseRedirect("/login")
