from flask import Flask, render_template_string, request

app = Flask(__name__)

PAGE = """<html><body><h2>Something went wrong</h2><p>{message}</p></body></html>"""


@app.route("/oops")
def oops():
    message = request.args.get("msg", "Unknown error")
    html = PAGE.format(message=message)
    return render_template_string(html), 500
