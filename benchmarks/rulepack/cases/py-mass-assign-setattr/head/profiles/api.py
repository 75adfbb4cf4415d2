from flask import Flask, jsonify, request

from .models import Profile, db

app = Flask(__name__)


@app.patch("/profiles/<int:profile_id>")
def update_profile(profile_id: int):
    profile = Profile.query.get_or_404(profile_id)
    changes = request.get_json(force=True)
    for field, value in changes.items():
        setattr(profile, field, value)
    db.session.commit()
    return jsonify(profile.to_dict())
