from flask import Flask, jsonify, request

from .models import Profile, db

app = Flask(__name__)
EDITABLE_FIELDS = {"display_name", "bio", "avatar_url"}


@app.patch("/profiles/<int:profile_id>")
def update_profile(profile_id: int):
    profile = Profile.query.get_or_404(profile_id)
    changes = request.get_json(force=True)
    for field, value in changes.items():
        if field in EDITABLE_FIELDS:
            setattr(profile, field, value)
    db.session.commit()
    return jsonify(profile.to_dict())
