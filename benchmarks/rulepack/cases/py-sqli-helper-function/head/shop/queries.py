from flask import Flask, jsonify, request

from .db import get_cursor

app = Flask(__name__)


def find_orders(customer, status):
    cur = get_cursor()
    cur.execute("SELECT id, total FROM orders WHERE customer = '%s' AND status = '%s'" % (customer, status))
    return cur.fetchall()


@app.get("/orders")
def orders():
    return jsonify(find_orders(request.args["customer"], request.args.get("status", "open")))
