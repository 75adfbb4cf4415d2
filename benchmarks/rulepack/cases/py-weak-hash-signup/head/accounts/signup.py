import hashlib

from .models import User, db


def register(email, password):
    user = User(email=email)
    user.password_hash = hashlib.sha1(password.encode("utf-8")).hexdigest()
    db.session.add(user)
    db.session.commit()
    return user
