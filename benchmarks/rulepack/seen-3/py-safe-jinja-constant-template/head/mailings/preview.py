from flask import abort, render_template_string, request
from flask.views import MethodView
from flask_login import current_user, login_required

from .models import Campaign

PREVIEW_TEMPLATE = """
{% extends "mailings/frame.html" %}
{% block content %}
  <h1>Hello {{ first_name }},</h1>
  <div class="intro">{{ intro }}</div>
  <p class="footer">Sent by {{ sender }} &middot; <a href="{{ unsubscribe_url }}">unsubscribe</a></p>
{% endblock %}
"""


class CampaignPreview(MethodView):
    decorators = [login_required]

    def get(self, campaign_id: int):
        campaign = Campaign.query.filter_by(id=campaign_id, team_id=current_user.team_id).first()
        if campaign is None:
            abort(404)
        context = {
            "first_name": request.args.get("first_name", "Ada"),
            "intro": request.args.get("intro", campaign.intro),
            "sender": current_user.display_name,
            "unsubscribe_url": "#",
        }
        return render_template_string(PREVIEW_TEMPLATE, campaign=campaign, **context)


def register(app):
    app.add_url_rule("/campaigns/<int:campaign_id>/preview", view_func=CampaignPreview.as_view("campaign_preview"))
