"""Order lookups used by the account pages."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("orders", __name__, url_prefix="/orders")


@dataclass(frozen=True)
class Order:
    id: int
    customer: str
    status: str
    total_cents: int


def _connect() -> sqlite3.Connection:
    conn = sqlite3.connect(current_app.config["DATABASE"])
    conn.row_factory = sqlite3.Row
    return conn


def find_orders(customer: str, status: str | None = None) -> list[Order]:
    query = f"SELECT id, customer, status, total_cents FROM orders WHERE customer = '{customer}'"
    if status:
        query += f" AND status = '{status}'"
    with _connect() as conn:
        rows = conn.execute(query).fetchall()
    return [Order(**dict(row)) for row in rows]


@bp.get("/search")
def search_orders():
    customer = request.args.get("customer", "")
    status = request.args.get("status")
    orders = find_orders(customer, status)
    return jsonify([o.__dict__ for o in orders])
