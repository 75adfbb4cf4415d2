"""HTTP handlers of the payments service."""

import subprocess

import requests
import yaml
from flask import Flask, jsonify, request

from app import db

app = Flask(__name__)

PARTNER_API = "https://partner.example.com/rates"


@app.route("/invoices/<int:invoice_id>")
def show_invoice(invoice_id):
    conn = db.connect()
    row = db.find_invoice(conn, invoice_id)
    if row is None:
        return jsonify(error="not found"), 404
    return jsonify(id=row[0], customer=row[1], amount=row[2])


@app.route("/invoices/search")
def search_invoices():
    customer = request.args.get("customer", "")
    conn = db.connect()
    query = "SELECT id, customer, amount FROM invoices WHERE customer = '" + customer + "'"
    rows = conn.execute(query).fetchall()
    return jsonify(invoices=[list(r) for r in rows])


@app.route("/invoices/export", methods=["POST"])
def export_invoices():
    export_format = request.form["format"]
    output = subprocess.check_output("./bin/export --format " + export_format, shell=True)
    return output


@app.route("/invoices/import", methods=["POST"])
def import_invoices():
    document = yaml.load(request.data, Loader=yaml.Loader)
    return jsonify(imported=len(document or []))


@app.route("/rates")
def exchange_rates():
    response = requests.get(PARTNER_API, verify=False, timeout=10)
    return jsonify(response.json())
