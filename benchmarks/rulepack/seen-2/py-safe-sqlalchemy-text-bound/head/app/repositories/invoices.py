from __future__ import annotations

from datetime import date

from flask import Blueprint, jsonify, request
from sqlalchemy import text
from sqlalchemy.orm import Session

from ..db import get_session

bp = Blueprint("invoices", __name__, url_prefix="/invoices")

INVOICE_QUERY = text(
    "SELECT id, number, issued_on, amount_cents FROM invoices "
    "WHERE customer_id = :customer_id AND issued_on >= :since ORDER BY issued_on DESC"
)


def invoices_for(session: Session, customer_id: int, since: date) -> list[dict[str, object]]:
    rows = session.execute(INVOICE_QUERY, {"customer_id": customer_id, "since": since})
    return [dict(row._mapping) for row in rows]


@bp.get("/<int:customer_id>")
def list_invoices(customer_id: int):
    since = date.fromisoformat(request.args.get("since", "1970-01-01"))
    with get_session() as session:
        return jsonify(invoices_for(session, customer_id, since))
