from django.http import HttpResponse
from django.template.loader import render_to_string

from catalog.models import Product


def catalogue_feed(request):
    products = Product.objects.filter(published=True).select_related("brand").order_by("id")
    body = render_to_string("feeds/catalogue.xml", {"products": products})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
