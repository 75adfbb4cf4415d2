import requests
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def test_webhook(request):
    callback = request.POST["callback_url"]
    payload = {"event": "ping", "source": "settings-page"}
    resp = requests.post(callback, json=payload, timeout=3)
    return JsonResponse({"status": resp.status_code})
