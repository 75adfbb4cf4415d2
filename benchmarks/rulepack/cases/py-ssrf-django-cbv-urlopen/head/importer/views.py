import json
from urllib.request import urlopen

from django.http import JsonResponse
from django.views import View


class ImportFeedView(View):
    def get(self, request):
        feed_url = self.request.GET.get("feed")
        with urlopen(feed_url, timeout=10) as resp:
            items = json.load(resp)
        return JsonResponse({"imported": len(items)})
