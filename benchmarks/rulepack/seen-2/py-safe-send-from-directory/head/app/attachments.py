from flask import Blueprint, abort, current_app, request, send_from_directory
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename

bp = Blueprint("attachments", __name__, url_prefix="/attachments")


def attachment_root() -> str:
    return current_app.config["ATTACHMENT_ROOT"]


@bp.get("/<int:ticket_id>")
@login_required
def get_attachment(ticket_id: int):
    if not current_user.can_view_ticket(ticket_id):
        abort(403)
    name = secure_filename(request.args.get("name", ""))
    if not name:
        abort(400)
    return send_from_directory(attachment_root(), f"{ticket_id}/{name}", as_attachment=True)
