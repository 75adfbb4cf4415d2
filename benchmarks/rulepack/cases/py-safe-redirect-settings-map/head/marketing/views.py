from django.conf import settings
from django.shortcuts import redirect


def campaign(request):
    # ?to=spring-sale -> the landing page configured for that campaign
    key = request.GET.get("to", "home")
    return redirect(settings.CAMPAIGN_LANDING_PAGES.get(key, "/"))
