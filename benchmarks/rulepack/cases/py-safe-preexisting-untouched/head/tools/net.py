import os

from flask import Flask, request

app = Flask(__name__)


@app.post("/ping")
def ping():
    host = request.form["host"]
    os.system("ping -c 1 " + host)
    return "sent"


@app.get("/health")
def health():
    return {"ok": True}
