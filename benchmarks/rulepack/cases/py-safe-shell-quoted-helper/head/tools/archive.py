import shlex
import subprocess
from pathlib import Path

from flask import Blueprint, request

bp = Blueprint("archive", __name__)
ARCHIVE_ROOT = Path("/srv/archives")


def pack_directory(directory: str, label: str) -> Path:
    target = ARCHIVE_ROOT / "bundle.tar.gz"
    quoted_dir = shlex.quote(directory)
    cmd = f"tar -czf {shlex.quote(str(target))} -C {quoted_dir} . && echo {shlex.quote(label)}"
    subprocess.run(cmd, shell=True, check=True)
    return target


@bp.post("/archives")
def create_archive():
    path = pack_directory(request.form["directory"], request.form.get("label", "manual"))
    return {"archive": path.name}
