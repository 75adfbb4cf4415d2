import subprocess
from pathlib import Path

from flask import Blueprint, abort, request

bp = Blueprint("encode", __name__)
ENCODERS = {"mp3": "libmp3lame", "ogg": "libvorbis", "flac": "flac"}
WORKDIR = Path("/srv/media")


def encode_track(track_id: int, fmt: str) -> Path:
    encoder = ENCODERS.get(fmt)
    if encoder is None:
        raise ValueError("unsupported format")
    out = WORKDIR / f"{int(track_id)}.{fmt}"
    subprocess.run(f"ffmpeg -y -i {WORKDIR}/{int(track_id)}.wav -c:a {encoder} {WORKDIR}/{int(track_id)}.out", shell=True, check=True)
    return out


@bp.post("/tracks/<int:track_id>/encode")
def encode(track_id: int):
    fmt = request.form.get("format", "mp3")
    if fmt not in ENCODERS:
        abort(400)
    return {"file": encode_track(track_id, fmt).name}
