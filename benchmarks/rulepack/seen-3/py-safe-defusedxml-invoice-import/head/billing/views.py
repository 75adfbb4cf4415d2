from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .models import Invoice

CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"


@login_required
def invoice_list(request):
    invoices = Invoice.objects.filter(account=request.user.account).order_by("-issued_on")[:100]
    return render(request, "billing/invoice_list.html", {"invoices": invoices})


@login_required
@require_POST
def invoice_import(request):
    upload = request.FILES.get("invoice")
    if upload is None or upload.size > 5 * 1024 * 1024:
        return HttpResponseBadRequest("missing or oversized file")
    try:
        root = parse_xml(upload.read(), forbid_dtd=True)
        total = Decimal(root.findtext(f"{CAC}LegalMonetaryTotal/{CBC}PayableAmount") or "0")
    except (ParseError, DefusedXmlException, InvalidOperation):
        return HttpResponseBadRequest("not a UBL invoice")
    Invoice.objects.create(
        account=request.user.account,
        number=root.findtext(f"{CBC}ID"),
        issued_on=root.findtext(f"{CBC}IssueDate"),
        supplier=root.findtext(f"{CAC}AccountingSupplierParty//{CBC}Name"),
        total=total,
    )
    return redirect("billing:invoice_list")
