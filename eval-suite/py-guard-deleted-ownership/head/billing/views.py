from flask import g, send_file

from billing.models import Invoice


def download_invoice(invoice_id):
    invoice = Invoice.query.get_or_404(invoice_id)
    name = f"invoice-{invoice.number}.pdf"
    return send_file(invoice.pdf_path, as_attachment=True, download_name=name)
