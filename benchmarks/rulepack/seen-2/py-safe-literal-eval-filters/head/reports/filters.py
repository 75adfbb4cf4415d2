import ast

from django.http import HttpResponseBadRequest, JsonResponse
from django.views import View

from .models import Report


class ReportListView(View):
    allowed_fields = {"status", "owner_id", "year"}

    def parse_filters(self, raw: str) -> dict[str, object]:
        try:
            value = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            return {}
        if not isinstance(value, dict):
            return {}
        return {k: v for k, v in value.items() if k in self.allowed_fields}

    def get(self, request):
        filters = self.parse_filters(request.GET.get("filters", "{}"))
        if len(filters) > 3:
            return HttpResponseBadRequest("too many filters")
        rows = Report.objects.filter(**filters).values("id", "title", "status")[:100]
        return JsonResponse({"results": list(rows)})
