from flask import abort, g, send_file

from billing.models import Invoice


def download_invoice(invoice_id):
    invoice = Invoice.query.get_or_404(invoice_id)
    if invoice.owner_id != g.user.id:
        abort(404)
    return send_file(invoice.pdf_path, as_attachment=True)
