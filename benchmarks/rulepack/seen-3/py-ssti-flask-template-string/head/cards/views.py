from flask import Blueprint, abort, render_template, render_template_string, request
from flask_login import current_user, login_required

from .models import CardDesign

bp = Blueprint("cards", __name__, url_prefix="/cards")


@bp.get("/")
@login_required
def gallery():
    designs = CardDesign.query.filter_by(active=True).order_by(CardDesign.name).all()
    return render_template("cards/gallery.html", designs=designs)


@bp.get("/<int:design_id>/preview")
@login_required
def preview(design_id: int):
    design = CardDesign.query.get(design_id)
    if design is None:
        abort(404)
    recipient = request.args.get("to", "friend")
    message = request.args.get("message", "")
    body = f"""
    {{% extends "cards/frame.html" %}}
    {{% block card %}}
      <h1 class="greeting">Dear {recipient},</h1>
      <p class="message">{message}</p>
      <p class="signature">&mdash; {current_user.display_name}</p>
    {{% endblock %}}
    """
    return render_template_string(body, design=design)
