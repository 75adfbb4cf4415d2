from flask import Blueprint, render_template_string, request
from flask_login import current_user, login_required

bp = Blueprint("greeting", __name__)

PAGE = """
{% extends "base.html" %}
{% block content %}
<div class="card">
  <h2>__TITLE__</h2>
  <p>Signed in as {{ user.email }}</p>
</div>
{% endblock %}
"""


def _page_for(title: str) -> str:
    return PAGE.replace("__TITLE__", title)


@bp.route("/welcome")
@login_required
def welcome():
    title = request.args.get("title", "Welcome back")
    return render_template_string(_page_for(title), user=current_user)
