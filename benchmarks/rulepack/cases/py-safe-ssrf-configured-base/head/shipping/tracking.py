import httpx
from django.conf import settings
from django.http import JsonResponse


def track_parcel(request, carrier_ref):
    response = httpx.get(
        f"{settings.CARRIER_API_URL}/v2/parcels/{carrier_ref}/events",
        headers={"Authorization": f"Bearer {settings.CARRIER_API_TOKEN}"},
        timeout=10,
    )
    response.raise_for_status()
    return JsonResponse({"events": response.json()["events"]})
