from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class InvoiceRow:
    number: str
    customer: str
    amount: float


class InvoiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def overdue_for(self, customer_id: int, today: date) -> list[InvoiceRow]:
        stmt = text(
            "SELECT number, customer_name, amount FROM invoices "
            "WHERE customer_id = :cid AND due_date < :today AND paid = false"
        )
        result = self.session.execute(stmt, {"cid": customer_id, "today": today})
        return [InvoiceRow(*row) for row in result]
