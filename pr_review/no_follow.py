"""Files the review writes, or reads back, opened so that a link planted at their name is never
followed: a pull request can commit symlinks where we write (STYLE.md §5), and a results directory
is shared with the job's other steps."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Final

from pr_review.errors import PrReviewError

_NO_FOLLOW: Final = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
NEW_FILE: Final = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW  # never an existing file
READ: Final = os.O_RDONLY | _NO_FOLLOW
APPEND: Final = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NO_FOLLOW


def write_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """A file that did not exist (OSError, FileExistsError included, otherwise)."""
    with os.fdopen(os.open(path, NEW_FILE, mode), "wb") as stream:
        stream.write(data)


def replace_file(path: Path, data: bytes) -> None:
    """A new temporary file, then renamed over path: a rename replaces a link at path instead of
    following it. PrReviewError when it cannot be written."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        write_new(temporary, data)
        os.replace(temporary, path)
    except OSError as exc:
        raise PrReviewError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
