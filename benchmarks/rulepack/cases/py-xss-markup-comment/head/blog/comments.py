from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)


@app.post("/posts/<int:post_id>/preview")
def preview_comment(post_id: int):
    body = request.form.get("body", "")
    rendered = Markup("<div class='comment'>" + body.replace("\n", "<br>") + "</div>")
    return render_template("preview.html", comment=rendered, post_id=post_id)
