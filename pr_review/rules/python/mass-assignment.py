# mypy: ignore-errors
# ruff: noqa

from flask import Flask, request

app = Flask(__name__)
EDITABLE = {"display_name", "bio"}

@app.post("/users")
def create_user():
    data = request.get_json()
    # ruleid: pr-review.python.mass-assignment
    user = User(**data)
    # ok: pr-review.python.mass-assignment
    user = User(display_name=data["display_name"], bio=data.get("bio"))
    return "ok"

@app.patch("/users/<int:uid>")
def update_user(uid: int):
    payload = request.json
    user = User.query.get(uid)
    for key, value in payload.items():
        # ruleid: pr-review.python.mass-assignment
        setattr(user, key, value)
    for key, value in payload.items():
        if key in EDITABLE:
            # ok: pr-review.python.mass-assignment
            setattr(user, key, value)
    clean = {k: v for k, v in payload.items() if k in EDITABLE}
    # ok: pr-review.python.mass-assignment
    User.query.filter_by(id=uid).update(clean)
    return "ok"

def signup(request):
    # ruleid: pr-review.python.mass-assignment
    Account.objects.create(**request.POST.dict())
    form = SignupForm(request.POST)
    if form.is_valid():
        # ok: pr-review.python.mass-assignment
        Account.objects.create(**form.cleaned_data)


def save_preferences(request):
    tz = request.POST.get("timezone", "")
    lang = request.POST.get("language", "en")
    # ok: pr-review.python.mass-assignment
    Preferences.objects.update_or_create(user=request.user, defaults={"timezone": tz, "language": lang})
    # ok: pr-review.python.mass-assignment
    Profile.objects.filter(user=request.user).update(**{"language": lang})
    # ok: pr-review.python.mass-assignment
    Preferences.objects.update_or_create(user=request.user, defaults=dict(timezone=tz))
    # ruleid: pr-review.python.mass-assignment
    Preferences.objects.update_or_create(user=request.user, defaults=request.POST.dict())
    # ruleid: pr-review.python.mass-assignment
    Profile.objects.filter(user=request.user).update(**request.POST.dict())
