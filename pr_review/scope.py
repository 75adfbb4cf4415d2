"""Which changed files the analyzers review, and why each other file is not reviewed."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pr_review.config import Config
from pr_review.gather.change import Change
from pr_review.gather.diff import ChangedFile, FileStatus


@dataclass(frozen=True, slots=True)
class NotReviewed:
    path: str
    reason: str
    analyzer: str = ""  # empty: no analyzer saw it


@dataclass(frozen=True)
class Scope:
    change: Change
    files: tuple[ChangedFile, ...]  # reviewed: text files present at head, not excluded
    not_reviewed: tuple[NotReviewed, ...]
    contents: dict[str, bytes]  # head contents of the reviewed files

    def text(self, path: str) -> str:
        return self.contents[path].decode("utf-8", errors="replace")

    def lines(self, path: str) -> list[str]:
        """The file's lines numbered as the diff numbers them: split at "\n" only (splitlines() also
        breaks at form feeds and U+2028, which would shift every line number after them)."""
        return [line.removesuffix("\r") for line in self.text(path).split("\n")]


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-style glob: `**/` any directories, `*` and `?` within one path segment."""
    directory = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    out, i = ["^"], 0
    if "/" not in pattern:
        out.append("(?:.*/)?")  # a bare name matches at any depth, as in .gitignore
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    # A pattern naming a directory covers everything below it.
    out.append("(?:/.*)?$" if directory or not pattern.endswith("*") else "$")
    return re.compile("".join(out))


def matching_pattern(path: str, patterns: Sequence[str]) -> str | None:
    return next((p for p in patterns if _glob_regex(p).match(path)), None)


def _looks_binary(content: bytes) -> bool:
    return b"\x00" in content[:8192]


def build_scope(change: Change, config: Config) -> Scope:
    files: list[ChangedFile] = []
    skipped: list[NotReviewed] = []
    contents: dict[str, bytes] = {}
    patterns = config.paths.patterns
    for changed in change.files:
        path = changed.path
        if changed.status is FileStatus.DELETED:
            skipped.append(NotReviewed(path, "deleted"))
            continue
        if changed.is_binary:
            skipped.append(NotReviewed(path, "binary file"))
            continue
        if changed.mode_only:
            skipped.append(NotReviewed(path, "file mode change only"))
            continue
        if not changed.hunks:
            skipped.append(NotReviewed(path, "renamed without content changes"))
            continue
        if (pattern := matching_pattern(path, patterns)) is not None:
            skipped.append(NotReviewed(path, f"excluded by paths.exclude pattern {pattern!r}"))
            continue
        content = change.read_head(path)
        if content is None:
            skipped.append(NotReviewed(path, "not readable at head"))
            continue
        if len(content) > config.max_file_bytes:
            skipped.append(
                NotReviewed(
                    path,
                    f"larger than limits.max_file_bytes ({len(content):,} > {config.max_file_bytes:,} bytes)",
                )
            )
            continue
        if _looks_binary(content):
            skipped.append(NotReviewed(path, "binary content"))
            continue
        files.append(changed)
        contents[path] = content
    return Scope(change, tuple(files), tuple(skipped), contents)
