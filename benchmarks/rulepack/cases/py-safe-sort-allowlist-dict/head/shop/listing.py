from flask import Flask, jsonify, request

from .db import get_cursor

app = Flask(__name__)
SORT_COLUMNS = {"price": "price", "newest": "created_at", "name": "title"}


@app.get("/products")
def products():
    column = SORT_COLUMNS.get(request.args.get("sort"), "title")
    cur = get_cursor()
    cur.execute(f"SELECT id, title, price FROM products ORDER BY {column}")
    return jsonify(cur.fetchall())
