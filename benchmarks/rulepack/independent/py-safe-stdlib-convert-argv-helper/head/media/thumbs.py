import subprocess
import tempfile
from pathlib import Path

THUMB_SIZES = {"small": "128x128", "medium": "512x512"}


def _convert(source: Path, target: Path, geometry: str) -> None:
    subprocess.check_call(["convert", str(source), "-thumbnail", geometry, str(target)])


def make_thumbnail(upload: bytes, size: str) -> bytes:
    geometry = THUMB_SIZES.get(size)
    if geometry is None:
        raise ValueError(f"unknown size {size!r}")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.img"
        target = Path(tmp) / "out.png"
        source.write_bytes(upload)
        _convert(source, target, geometry)
        return target.read_bytes()
