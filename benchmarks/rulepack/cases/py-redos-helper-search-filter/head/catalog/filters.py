import re
from typing import Iterable

from django.http import JsonResponse

from catalog.models import Product

SKU = re.compile(r"^([A-Z0-9]+-?)+$")


def parse_skus(raw: str) -> list[str]:
    skus = [part.strip() for part in raw.split(",")]
    return [s for s in skus if SKU.match(s)]


def products_by_sku(request):
    skus = parse_skus(request.GET.get("skus", ""))
    rows: Iterable[Product] = Product.objects.filter(sku__in=skus)
    return JsonResponse({"products": [p.sku for p in rows]})
