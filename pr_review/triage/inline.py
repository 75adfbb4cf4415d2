"""Inline suppressions: `pr-review: ignore[<rule id or CWE-n>, …] <reason>` in a comment.

Recognised after any common comment opener — `#` (Python, YAML, shell, Ruby), `//` and `/* … */`
(JavaScript, TypeScript, Java, Go, C), `--` (SQL, Lua, Haskell), `<!-- … -->` (HTML, XML, Markdown)
and a `*` block-comment continuation. A comment covers a finding on its own line or on the line
below. Lines are cut to a bounded length before matching and the pattern has no nested repetition,
so a hostile file cannot make parsing slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_LINE_CHARS = 2000
MAX_FILE_LINES = 100_000
_MARKER = re.compile(
    r"(?:#|//|/\*|--|<!--|^[ \t]*\*)[ \t]*pr-review:[ \t]*ignore\[(?P<ids>[^\]\n]{1,300})\](?P<reason>[^\n]{0,500})"
)
_ID = re.compile(r"^(?:CWE-\d{1,6}|[A-Za-z0-9_][A-Za-z0-9_.:/@+-]{0,199})$")
_CLOSERS = ("*/", "-->")


@dataclass(frozen=True, slots=True)
class IgnoreComment:
    path: str
    line: int  # 1-based
    ids: tuple[str, ...]  # rule ids and CWE-n, as written (CWE upper-cased)
    reason: str  # "" when none was given: such a comment is invalid and suppresses nothing

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def covers(self, start_line: int, end_line: int) -> bool:
        """On one of the finding's lines, or on the line just above it."""
        return start_line <= self.line <= end_line or self.line == start_line - 1


def _reason(raw: str) -> str:
    text = raw.strip()
    for closer in _CLOSERS:
        if closer in text:
            text = text[: text.index(closer)]
    return text.strip().lstrip(":-–—").strip()  # noqa: RUF001 (dashes people put before a reason)


def parse_ignore_comments(path: str, text: str) -> Iterator[IgnoreComment]:
    """Every ignore comment in a file's text, in line order; ids that are not rule ids are dropped."""
    if "pr-review:" not in text:
        return
    # Numbered as the diff numbers lines (at "\n" only): splitlines() also breaks at U+2028, \f, \x1c…,
    # which would let a comment the PR adds claim the number of an unchanged line.
    for number, line in enumerate(text.split("\n")[:MAX_FILE_LINES], start=1):
        if "pr-review:" not in line:
            continue
        match = _MARKER.search(line[:MAX_LINE_CHARS])
        if match is None:
            continue
        ids = []
        for raw in match.group("ids").split(","):
            item = raw.strip()
            item = item.upper() if item.upper().startswith("CWE-") else item
            if _ID.match(item):
                ids.append(item)
        if ids:
            yield IgnoreComment(path, number, tuple(dict.fromkeys(ids)), _reason(match.group("reason")))
