import re

from flask import jsonify, request

from .app import app
from .models import Product


@app.get("/products/search")
def search_products():
    term = request.args.get("q", "")[:100]
    matcher = re.compile(re.escape(term), re.IGNORECASE)
    names = [p.name for p in Product.query.limit(500)]
    return jsonify([n for n in names if matcher.search(n)])
