from django.http import JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree

from .models import Product


@require_POST
def import_products(request):
    upload = request.FILES["feed"]
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    tree = etree.fromstring(upload.read(), parser)
    created = 0
    for item in tree.iterfind("product"):
        Product.objects.update_or_create(
            sku=item.findtext("sku"),
            defaults={"name": item.findtext("name"), "price": item.findtext("price")},
        )
        created += 1
    return JsonResponse({"imported": created})
