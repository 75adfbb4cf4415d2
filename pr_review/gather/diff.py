"""Unified diff → ChangedFile values, parsed with unidiff (never by hand).

Diffs are attacker-controlled: bytes are decoded with replacement, CRLF is kept out of line
values, and nothing here raises on odd input except `DiffError` for text that is not a diff.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property

from unidiff.errors import UnidiffParseError
from unidiff.patch import Hunk as RawHunk
from unidiff.patch import PatchedFile, PatchSet

from pr_review.errors import UsageError


class DiffError(UsageError):
    """The input is not a unified diff we can read."""


@enum.unique
class FileStatus(enum.StrEnum):
    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"
    RENAMED = "renamed"


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # new-side number for added/context lines, old-side for removed lines
    text: str


@dataclass(frozen=True, slots=True)
class Hunk:
    old_start: int
    old_length: int
    new_start: int
    new_length: int
    header: str
    added: tuple[Line, ...]
    removed: tuple[Line, ...]
    context: tuple[Line, ...]

    @property
    def new_end(self) -> int:
        return self.new_start + max(self.new_length, 1) - 1


@dataclass(frozen=True)
class ChangedFile:
    path: str  # new path; the old path for a deletion
    old_path: str | None
    status: FileStatus
    hunks: tuple[Hunk, ...] = ()
    is_binary: bool = False
    old_mode: str | None = None
    new_mode: str | None = None

    @property
    def mode_only(self) -> bool:
        return not self.hunks and not self.is_binary and self.old_mode != self.new_mode

    @cached_property
    def added_lines(self) -> frozenset[int]:
        return frozenset(line.number for hunk in self.hunks for line in hunk.added)

    @cached_property
    def commentable_lines(self) -> frozenset[int]:
        """New-side lines GitHub accepts a RIGHT-side review comment on: added and context."""
        return frozenset(line.number for hunk in self.hunks for line in (*hunk.added, *hunk.context))

    @cached_property
    def added_text(self) -> dict[int, str]:
        return {line.number: line.text for hunk in self.hunks for line in hunk.added}

    def touches_added(self, start: int, end: int) -> bool:
        return any(n in self.added_lines for n in range(start, end + 1))


def decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


_C_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _unquote(path: str) -> str:
    """git's C-style quoting ("b/na\\303\\257ve.py") → the path; unidiff leaves it quoted."""
    if len(path) < 2 or not (path.startswith('"') and path.endswith('"')):
        return path
    body, out, i = path[1:-1], bytearray(), 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            octal = body[i + 1 : i + 4]
            if len(octal) == 3 and all(c in "01234567" for c in octal):
                out.append(int(octal, 8) & 0xFF)
                i += 4
                continue
            out.append(_C_ESCAPES.get(body[i + 1], ord("?")))
            i += 2
            continue
        out += body[i].encode("utf-8", errors="replace")
        i += 1
    return decode(bytes(out))


def _split_lines(text: str) -> list[str]:
    """Lines ending at "\\n" only: str.splitlines also breaks on \\f, \\x1c or U+2028 inside a line."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _disambiguate(lines: list[str]) -> list[str]:
    """unidiff splits `diff --git a/P b/P` at the last " b/", which is wrong when P contains " b/"
    ("docs/plan b/x.py"). For such a header, and the ---/+++ lines after it, the spaces of P become
    NUL (never part of a git path); _strip_prefix turns them back."""
    for i, line in enumerate(lines):
        if not line.startswith("diff --git a/") or line.count(" b/") < 2:
            continue
        rest = line[len("diff --git ") :].rstrip("\r\n")
        size = (len(rest) - 5) // 2
        path = rest[2 : 2 + size]
        if rest != f"a/{path} b/{path}":
            continue  # an ambiguous rename: left to unidiff
        safe = path.replace(" ", "\0")
        lines[i] = f"diff --git a/{safe} b/{safe}\n"
        for j in range(i + 1, min(i + 8, len(lines))):
            if lines[j].startswith(("@@", "diff --git ")):
                break
            for marker in ("--- a/", "+++ b/"):
                if lines[j].startswith(marker + path):
                    lines[j] = marker + safe + lines[j][len(marker) + len(path) :]
    return lines


def _strip_prefix(path: str | None) -> str | None:
    if path is None:
        return None
    path = _unquote(path.removesuffix("\r")).replace("\0", " ")  # "\r": a diff file saved with CRLF line endings
    if path == "/dev/null":
        return None
    for prefix in ("a/", "b/"):
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def _line_text(value: str) -> str:
    return value.rstrip("\n").removesuffix("\r")


def _hunk(raw: RawHunk) -> Hunk:
    added: list[Line] = []
    removed: list[Line] = []
    context: list[Line] = []
    for line in raw:
        if line.is_added and line.target_line_no is not None:
            added.append(Line(line.target_line_no, _line_text(line.value)))
        elif line.is_removed and line.source_line_no is not None:
            removed.append(Line(line.source_line_no, _line_text(line.value)))
        elif line.is_context and line.target_line_no is not None:
            context.append(Line(line.target_line_no, _line_text(line.value)))
    return Hunk(
        old_start=raw.source_start,
        old_length=raw.source_length,
        new_start=raw.target_start,
        new_length=raw.target_length,
        header=raw.section_header,
        added=tuple(added),
        removed=tuple(removed),
        context=tuple(context),
    )


def _modes(patched: PatchedFile) -> tuple[str | None, str | None]:
    old_mode = new_mode = None
    for header_line in str(patched.patch_info or "").splitlines():
        if header_line.startswith(("old mode ", "deleted file mode ")):
            old_mode = header_line.rsplit(" ", 1)[-1]
        elif header_line.startswith(("new mode ", "new file mode ")):
            new_mode = header_line.rsplit(" ", 1)[-1]
    return old_mode, new_mode


def _status(patched: PatchedFile) -> FileStatus:
    if patched.is_added_file:
        return FileStatus.ADDED
    if patched.is_removed_file:
        return FileStatus.DELETED
    if patched.is_rename:
        return FileStatus.RENAMED
    return FileStatus.MODIFIED


def parse_diff(text: str | bytes) -> tuple[ChangedFile, ...]:
    """Parse a unified (git) diff. Empty input is an empty change, not an error."""
    if isinstance(text, bytes):
        text = decode(text)
    if not text.strip():
        return ()
    try:
        patch = PatchSet(_disambiguate(_split_lines(text)))
    except UnidiffParseError as exc:
        raise DiffError(f"not a readable unified diff: {exc}") from exc
    if not patch and "diff --git" not in text and "@@" not in text:
        raise DiffError("not a unified diff: no file headers or hunks found")
    files: list[ChangedFile] = []
    for patched in patch:
        source = _strip_prefix(patched.source_file)
        target = _strip_prefix(patched.target_file)
        status = _status(patched)
        path = source if status is FileStatus.DELETED else target
        old_mode, new_mode = _modes(patched)
        files.append(
            ChangedFile(
                path=path or patched.path,
                old_path=source if status is not FileStatus.ADDED else None,
                status=status,
                hunks=tuple(_hunk(h) for h in patched),
                is_binary=patched.is_binary_file,
                old_mode=old_mode,
                new_mode=new_mode,
            )
        )
    return tuple(files)
