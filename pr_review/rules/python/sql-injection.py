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
def item(item_id: int):
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
    # ok: pr-review.python.sql-injection
    cursor.execute("SELECT count(*) FROM " + table)
