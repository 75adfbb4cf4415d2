from flask import Flask, redirect, request, session, url_for

from .users import check_credentials

app = Flask(__name__)


@app.post("/login")
def login():
    user = check_credentials(request.form["email"], request.form["password"])
    if user is None:
        return redirect(url_for("login_form", error=1))
    session["uid"] = user.id
    destination = request.args.get("return_to") or url_for("dashboard")
    return redirect(destination)
