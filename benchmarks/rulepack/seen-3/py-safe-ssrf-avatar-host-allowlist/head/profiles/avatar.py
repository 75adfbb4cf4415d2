from io import BytesIO
from urllib.parse import urlsplit

import requests
from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required
from PIL import Image
from werkzeug.exceptions import BadRequest

from .storage import save_avatar

bp = Blueprint("avatar", __name__)

# Providers users can import a picture from; requests go nowhere else.
AVATAR_HOSTS = frozenset({"avatars.githubusercontent.com", "secure.gravatar.com", "lh3.googleusercontent.com"})
MAX_AVATAR_BYTES = 2 * 1024 * 1024


def _checked_avatar_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme != "https" or parts.hostname not in AVATAR_HOSTS or parts.port not in (None, 443):
        raise BadRequest("Pictures can only be imported from GitHub, Gravatar or Google.")
    return parts.geturl()


@bp.post("/me/avatar/import")
@login_required
def import_avatar():
    url = _checked_avatar_url(request.form.get("url", ""))
    resp = requests.get(url, timeout=5, allow_redirects=False, stream=True)
    if resp.status_code != 200:
        raise BadRequest("The picture could not be fetched.")
    data = resp.raw.read(MAX_AVATAR_BYTES + 1, decode_content=True)
    if len(data) > MAX_AVATAR_BYTES:
        raise BadRequest("The picture is larger than 2 MB.")
    image = Image.open(BytesIO(data))
    image.thumbnail((256, 256))
    key = save_avatar(current_user.id, image)
    return jsonify(avatar=key)
