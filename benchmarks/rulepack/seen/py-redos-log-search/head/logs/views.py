import re

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .models import LogLine


@require_GET
def search_logs(request):
    pattern = request.GET.get("pattern", "")
    lines = LogLine.objects.filter(job_id=request.GET["job"]).values_list("text", flat=True)
    hits = []
    for text in lines:
        for match in re.finditer(pattern, text):
            hits.append({"text": text, "span": match.span()})
    return JsonResponse({"hits": hits[:200]})
