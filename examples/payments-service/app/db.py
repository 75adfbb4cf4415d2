"""Database access for the payments service."""

import sqlite3

DB_PATH = "payments.db"


def connect():
    return sqlite3.connect(DB_PATH)


def find_invoice(conn, invoice_id):
    cursor = conn.execute("SELECT id, customer, amount FROM invoices WHERE id = ?", (invoice_id,))
    return cursor.fetchone()
