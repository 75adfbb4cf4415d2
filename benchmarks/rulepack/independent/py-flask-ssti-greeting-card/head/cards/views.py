from flask import Blueprint, request, render_template_string, abort

from .models import Card, db

bp = Blueprint("cards", __name__, url_prefix="/cards")

CARD_LAYOUT = """
<div class="card">
  <h2>{{ card.title }}</h2>
  <p class="message">%s</p>
  <footer>From {{ card.sender }}</footer>
</div>
"""


@bp.route("/<int:card_id>/preview")
def preview(card_id: int):
    card = Card.query.get_or_404(card_id)
    message = request.args.get("message", card.message)
    if len(message) > 500:
        abort(400)
    return render_template_string(CARD_LAYOUT % message, card=card)


@bp.route("/<int:card_id>", methods=["POST"])
def save(card_id: int):
    card = Card.query.get_or_404(card_id)
    card.message = request.form["message"]
    db.session.commit()
    return {"ok": True}
