from flask import Blueprint, request, render_template, abort

from .models import Card

bp = Blueprint("cards", __name__, url_prefix="/cards")


@bp.route("/<int:card_id>/preview")
def preview(card_id: int):
    card = Card.query.get_or_404(card_id)
    message = request.args.get("message", card.message)
    if len(message) > 500:
        abort(400)
    return render_template("cards/preview.html", card=card, message=message)
