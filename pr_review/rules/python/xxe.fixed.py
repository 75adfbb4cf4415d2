# mypy: ignore-errors
# ruff: noqa

from lxml import etree
import xml.sax
from xml.sax.handler import feature_external_ges

def parse(data):
    # ruleid: pr-review.python.xxe
    parser = etree.XMLParser(resolve_entities=False)
    # ok: pr-review.python.xxe
    safe = etree.XMLParser(resolve_entities=False, no_network=True)
    sax = xml.sax.make_parser()
    # ruleid: pr-review.python.xxe
    sax.setFeature(feature_external_ges, False)
    # ok: pr-review.python.xxe
    sax.setFeature(feature_external_ges, False)
    return etree.fromstring(data, parser)
