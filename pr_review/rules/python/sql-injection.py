# mypy: ignore-errors
# ruff: noqa

import sqlite3
from flask import Flask, request
from django.db import connection
from sqlalchemy import text

app = Flask(__name__)

@app.route("/users")
def users():
    name = request.args.get("name")
    query = "SELECT * FROM users WHERE name = '%s'" % name
    cur = sqlite3.connect("db").cursor()
    # ruleid: pr-review.python.sql-injection
    cur.execute(query)
    # ok: pr-review.python.sql-injection
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return "ok"

@app.get("/orders/<order_id>")
def order(order_id):
    # ruleid: pr-review.python.sql-injection
    rows = db.session.execute(text(f"SELECT * FROM orders WHERE id = {order_id}"))
    # ok: pr-review.python.sql-injection
    rows = db.session.execute(text("SELECT * FROM orders WHERE id = :id"), {"id": order_id})
    return rows

@app.get("/items/<int:item_id>")
def item(item_id: int, page: int = 1):
    # ok: pr-review.python.sql-injection
    db.session.execute(text(f"SELECT * FROM items WHERE id = {item_id}"))

def search(request):
    term = request.GET["q"]
    with connection.cursor() as cursor:
        # ruleid: pr-review.python.sql-injection
        cursor.execute("SELECT id FROM product WHERE title LIKE '%" + term + "%'")
    # ruleid: pr-review.python.sql-injection
    Product.objects.raw("SELECT * FROM product WHERE title = '{}'".format(term))
    limit = int(request.GET.get("limit", 10))
    with connection.cursor() as cursor:
        # ok: pr-review.python.sql-injection
        cursor.execute(f"SELECT id FROM product LIMIT {limit}")

SORTS = {"new": "created_at", "name": "title"}

@app.get("/sorted")
def sorted_items():
    column = SORTS.get(request.args.get("sort"), "title")
    # ok: pr-review.python.sql-injection
    cur.execute(f"SELECT * FROM items ORDER BY {column}")
    # ruleid: pr-review.python.sql-injection
    cur.execute(f"SELECT * FROM items ORDER BY {request.args.get('sort')}")

def internal(table):
    # ruleid: pr-review.python.sql-injection
    cursor.execute("SELECT count(*) FROM " + table)


class InvoiceRepository:
    def __init__(self, conn):
        self._conn = conn

    def by_number(self, number):
        # ruleid: pr-review.python.sql-injection
        return self._conn.execute(f"SELECT id FROM invoices WHERE number = '{number}'").fetchone()

    def by_customer(self, customer):
        sql = "DELETE FROM invoices WHERE customer = '%s'" % customer
        # ruleid: pr-review.python.sql-injection
        self._conn.execute(sql)

    def sorted_by(self, key):
        # ok: pr-review.python.sql-injection
        return self._conn.execute("SELECT id FROM invoices ORDER BY " + SORT_COLUMNS[key]).fetchall()

    def by_ids(self, ids):
        placeholders = ", ".join("?" for _ in ids)
        # ok: pr-review.python.sql-injection
        return self._conn.execute("SELECT id FROM invoices WHERE id IN (" + placeholders + ")", ids).fetchall()

    def by_status(self, status):
        # ok: pr-review.python.sql-injection
        return self._conn.execute("SELECT id FROM invoices WHERE status = %s", (status,)).fetchall()


def count_by_status(conn, status: str, limit: int):
    # ruleid: pr-review.python.sql-injection
    return conn.execute(f"SELECT count(*) FROM invoices WHERE status = '{status}'").fetchone()


def page(conn, limit: int):
    # ok: pr-review.python.sql-injection
    return conn.execute(f"SELECT id FROM invoices LIMIT {limit}").fetchall()


SORT_COLUMNS = {"new": "created_at DESC", "top": "score DESC"}


class PostRepo:
    sort_columns = {"new": "created_at DESC", "top": "score DESC"}

    def __init__(self, conn):
        self.conn = conn

    def listing(self, request):
        order = self.sort_columns.get(request.GET.get("sort"), "created_at DESC")
        # ok: pr-review.python.sql-injection
        self.conn.execute("SELECT id FROM posts ORDER BY " + order)
        order2 = request.GET.get("order", "id")
        # ruleid: pr-review.python.sql-injection
        self.conn.execute("SELECT id FROM posts ORDER BY " + order2)


def report(engine, request):
    q = request.GET.get("q", "")
    with engine.connect() as conn:
        # ruleid: pr-review.python.sql-injection
        conn.exec_driver_sql(f"SELECT id FROM posts WHERE title = '{q}'")
        # ok: pr-review.python.sql-injection
        conn.exec_driver_sql("SELECT id FROM posts WHERE title = %(q)s", {"q": q})


async def user_by_id(pool, user_id):
    async with pool.acquire() as conn:
        # ruleid: pr-review.python.sql-injection
        return await conn.fetchrow(f"SELECT * FROM users WHERE id = {user_id}")


async def user_by_id_bound(conn, user_id):
    # ok: pr-review.python.sql-injection
    return await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)


async def orders_for(database, customer):
    # ruleid: pr-review.python.sql-injection
    return await database.fetch_all(query="SELECT * FROM orders WHERE customer = '%s'" % customer)


class OrderRepository:
    def search(self, customer_id: int, status=None, reference=None):
        clauses = [f"customer_id = {int(customer_id)}"]
        params = []
        if status:
            clauses.append(f"status = '{status}'")
        if reference:
            clauses.append("reference LIKE '%%%s%%'" % reference)
        sql = "SELECT * FROM orders WHERE " + " AND ".join(clauses)
        # ruleid: pr-review.python.sql-injection
        return self._conn.execute(sql).fetchall()

    def search_safe(self, customer_id: int, status=None, reference=None):
        clauses = ["customer_id = ?"]
        params = [customer_id]
        if status:
            clauses.append("status = ?")
            params.append(status)
        if reference:
            clauses.append("reference LIKE ?")
            params.append(f"%{reference}%")
        sql = "SELECT * FROM orders WHERE " + " AND ".join(clauses)
        # ok: pr-review.python.sql-injection
        return self._conn.execute(sql, params).fetchall()

    def by_status(self, status):
        where = f"status = '{status}'"
        # ruleid: pr-review.python.sql-injection
        return self._conn.execute("SELECT id FROM orders WHERE " + where).fetchall()

    def greeting(self, name):
        message = f"name = '{name}'"
        # ok: pr-review.python.sql-injection
        return self._conn.execute("SELECT ?", (message,)).fetchone()
