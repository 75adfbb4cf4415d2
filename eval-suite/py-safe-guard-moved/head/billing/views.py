from flask import abort, g, send_file

from billing.models import Invoice


def _own_invoice(invoice_id):
    invoice = Invoice.query.get_or_404(invoice_id)
    if invoice.owner_id != g.user.id:
        abort(404)
    return invoice


def download_invoice(invoice_id):
    invoice = _own_invoice(invoice_id)
    name = f"invoice-{invoice.number}.pdf"
    return send_file(invoice.pdf_path, as_attachment=True, download_name=name)
