from flask import Flask, jsonify, request

from shop.db import products_in

app = Flask(__name__)


@app.get("/products")
def products():
    category = request.args.get("category", "")
    return jsonify(products_in(category))
