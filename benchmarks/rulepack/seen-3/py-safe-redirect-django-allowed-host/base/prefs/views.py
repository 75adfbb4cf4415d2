from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Preferences


@login_required
def preferences(request):
    prefs, _ = Preferences.objects.get_or_create(user=request.user)
    return render(request, "prefs/preferences.html", {"prefs": prefs})
