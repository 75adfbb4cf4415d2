from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from .models import NotificationSettings

CHANNELS = {"email", "sms", "push"}


@login_required
@require_POST
def update_notifications(request):
    channel = request.POST.get("channel", "email")
    digest = request.POST.get("digest") == "on"
    if channel not in CHANNELS:
        return HttpResponseBadRequest("unknown channel")
    settings, _ = NotificationSettings.objects.update_or_create(
        user=request.user,
        defaults={"channel": channel, "digest": digest},
    )
    return JsonResponse({"channel": settings.channel, "digest": settings.digest})
