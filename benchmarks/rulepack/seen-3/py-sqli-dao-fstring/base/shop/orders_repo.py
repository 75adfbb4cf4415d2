"""Data access for orders, on the application's sqlite3 connection."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Order:
    id: int
    customer_id: int
    status: str
    total_cents: int
    placed_on: date


def _row_to_order(row: sqlite3.Row) -> Order:
    return Order(
        id=row["id"],
        customer_id=row["customer_id"],
        status=row["status"],
        total_cents=row["total_cents"],
        placed_on=date.fromisoformat(row["placed_on"]),
    )


class OrderRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._conn.row_factory = sqlite3.Row

    def get(self, order_id: int) -> Order | None:
        row = self._conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        return _row_to_order(row) if row else None

    def count_for_customer(self, customer_id: int) -> int:
        (n,) = self._conn.execute("SELECT COUNT(*) FROM orders WHERE customer_id = ?", (customer_id,)).fetchone()
        return int(n)
