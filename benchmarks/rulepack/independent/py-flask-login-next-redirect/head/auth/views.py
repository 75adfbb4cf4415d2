from flask import Blueprint, redirect, render_template, request, url_for, flash
from flask_login import login_user

from .models import User

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None or not user.check_password(request.form["password"]):
        flash("Invalid credentials")
        return render_template("login.html"), 401
    login_user(user, remember=bool(request.form.get("remember")))
    target = request.args.get("next") or url_for("dashboard.index")
    return redirect(target)
