from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from lxml import etree

from .models import Invoice

UBL_NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


@login_required
def invoice_list(request):
    invoices = Invoice.objects.filter(account=request.user.account).order_by("-issued_on")[:100]
    return render(request, "billing/invoice_list.html", {"invoices": invoices})


def parse_ubl_invoice(data: bytes) -> dict:
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False, remove_blank_text=True)
    root = etree.fromstring(data, parser)
    return {
        "number": root.findtext("cbc:ID", namespaces=UBL_NS),
        "issued_on": root.findtext("cbc:IssueDate", namespaces=UBL_NS),
        "supplier": root.findtext("cac:AccountingSupplierParty//cbc:Name", namespaces=UBL_NS),
        "total": Decimal(root.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=UBL_NS) or "0"),
    }


@login_required
@require_POST
def invoice_import(request):
    upload = request.FILES.get("invoice")
    if upload is None:
        return HttpResponseBadRequest("no file")
    try:
        fields = parse_ubl_invoice(upload.read())
    except etree.XMLSyntaxError as exc:
        return HttpResponseBadRequest(f"not an XML invoice: {exc}")
    Invoice.objects.create(account=request.user.account, **fields)
    return redirect("billing:invoice_list")
