# mypy: ignore-errors
# ruff: noqa

import os, re, shlex, subprocess
from flask import Flask, request

app = Flask(__name__)

@app.post("/ping")
def ping():
    host = request.form["host"]
    cmd = "ping -c 1 " + host
    # ruleid: pr-review.python.command-injection
    os.system(cmd)
    # ruleid: pr-review.python.command-injection
    subprocess.run(f"nslookup {host}", shell=True, check=True)
    # ruleid: pr-review.python.command-injection
    subprocess.check_output(["bash", "-c", "dig " + host])
    # ok: pr-review.python.command-injection
    subprocess.run(["ping", "-c", "1", host], check=True)
    # ok: pr-review.python.command-injection
    subprocess.run("ping -c 1 " + shlex.quote(host), shell=True)
    count = int(request.args.get("n", "1"))
    # ok: pr-review.python.command-injection
    os.system(f"ping -c {count} localhost")
    return "done"

@app.route("/run/<tool>")
def run_tool(tool):
    # ruleid: pr-review.python.command-injection
    return subprocess.check_output([tool, "--version"])

@app.post("/archive")
def archive():
    fmt = request.form["format"]
    if fmt not in {"zip", "tar"}:
        return "bad format", 400
    # ok: pr-review.python.command-injection
    os.system(f"make archive FORMAT={fmt}")
    return "ok"

def backup(path):
    # ruleid: pr-review.python.command-injection
    os.system("tar czf /tmp/b.tgz " + path)


def run_backup(target):
    # ruleid: pr-review.python.command-injection
    subprocess.run(f"tar czf /backups/out.tgz {target}", shell=True, check=True)


def archive_argv(target):
    subprocess.run(["tar", "czf", "/backups/out.tgz", "--", target], check=True)


@app.route("/backup")
def backup():
    # ruleid: pr-review.python.command-injection
    run_backup(request.args["dir"])
    # ok: pr-review.python.command-injection
    archive_argv(request.args["dir"])
    # ok: pr-review.python.command-injection
    run_backup("/srv/www")
    return "ok"


BACKUP_ROOT = "/srv/backups"
SIZE_RE = re.compile(r"\d{1,4}x\d{1,4}")


def make_thumbnail(source, size):
    target = source.with_suffix(f".{size}.png")
    cmd = f"convert '{source}' -thumbnail {size} '{target}'"
    # ruleid: pr-review.python.command-injection
    subprocess.run(cmd, shell=True, check=True)
    return target


def dump_database(name, out_dir):
    command = "pg_dump {} > {}/dump.sql".format(name, out_dir)
    # ruleid: pr-review.python.command-injection
    return subprocess.check_output(command, shell=True)


def remote_tail(client, log_name):
    # ruleid: pr-review.python.command-injection
    stdin, stdout, stderr = client.exec_command("tail -n 100 /var/log/%s" % log_name)
    return stdout.read()


def quoted_thumbnail(source, size):
    src = shlex.quote(str(source))
    # ok: pr-review.python.command-injection
    subprocess.run(f"convert {src} -thumbnail {shlex.quote(size)} out.png", shell=True, check=True)


def checked_thumbnail(source, size):
    if not SIZE_RE.fullmatch(size):
        raise ValueError("bad size")
    # ok: pr-review.python.command-injection
    subprocess.run(f"convert in.png -thumbnail {size} out.png", shell=True, check=True)


def nightly_backup(days):
    keep = int(days)
    # ok: pr-review.python.command-injection
    os.system(f"find {BACKUP_ROOT} -mtime +{keep} -delete")


def run_in_venv(venv, module):
    # ok: pr-review.python.command-injection
    subprocess.run([f"{venv}/bin/python", "-m", module], check=True)


def checked_resize(folder, geometry):
    if not SIZE_RE.fullmatch(geometry):
        raise ValueError("bad geometry")
    # ok: pr-review.python.command-injection
    subprocess.run(f"convert in.png -resize {geometry} out.png", shell=True, cwd=folder)


@app.route("/resize")
def resize_view():
    # ok: pr-review.python.command-injection
    checked_resize("/srv/pics", request.args["geometry"])
    return "ok"


CODECS = {"mp3": "libmp3lame", "ogg": "libvorbis"}


def encode(source, fmt):
    codec = CODECS[fmt]
    # ok: pr-review.python.command-injection
    subprocess.run(f"ffmpeg -i in.wav -c:a {codec} out.{CODECS.get(fmt)}", shell=True, check=True)


@app.route("/encode")
def encode_view():
    fmt = request.args["format"]
    if fmt not in CODECS:
        return "bad format", 400
    # ok: pr-review.python.command-injection
    run_backup(fmt)
    return "ok"


@app.post("/convert")
def convert_upload():
    upload = request.files.get("document")
    target = request.form.get("format", "pdf")
    if upload is None or not upload.filename or target not in TARGET_FORMATS:
        abort(400)
    source = os.path.join(WORKDIR, upload.filename)
    # ruleid: pr-review.python.command-injection
    subprocess.run(f'soffice --convert-to {target} "{source}"', shell=True, check=True)
    # ok: pr-review.python.command-injection
    subprocess.run(f"soffice --convert-to {target} {shlex.quote(source)}", shell=True, check=True)
    return "ok"


@app.post("/render")
def render_page():
    theme = request.form.get("theme", "light")
    if theme in THEMES:
        # ok: pr-review.python.command-injection
        os.system(f"make render THEME={theme}")
    return "ok"
