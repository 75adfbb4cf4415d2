import hashlib

from django.http import HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from catalog.models import Product


def catalogue_feed(request):
    products = Product.objects.filter(published=True).select_related("brand").order_by("id")
    body = render_to_string("feeds/catalogue.xml", {"products": products}).encode("utf-8")
    # Content fingerprint for conditional GETs from the partner crawlers, not a security hash.
    etag = '"%s"' % hashlib.md5(body, usedforsecurity=False).hexdigest()
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=900)
    return response
