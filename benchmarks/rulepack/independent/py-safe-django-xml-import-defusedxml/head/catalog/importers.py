from defusedxml import ElementTree
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Product


@require_POST
def import_products(request):
    upload = request.FILES["feed"]
    tree = ElementTree.fromstring(upload.read())
    created = 0
    for item in tree.iterfind("product"):
        Product.objects.update_or_create(
            sku=item.findtext("sku"),
            defaults={"name": item.findtext("name"), "price": item.findtext("price")},
        )
        created += 1
    return JsonResponse({"imported": created})
