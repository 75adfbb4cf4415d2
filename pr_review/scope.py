"""Which changed files the analyzers review, and why each other file is not reviewed."""

from __future__ import annotations

import codecs
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
    # Changed text files left out above that no analyzer will read (a NUL byte, over the size
    # limit, unreadable, a code location excluded by default): the coverage check escalates them.
    unreviewed_text: frozenset[str] = frozenset()
    # Deleted files not excluded by paths.patterns: no head content, but what they removed is code
    # a model reviews (a deleted guard); listed as "deleted" in not_reviewed for the other analyzers.
    deleted: tuple[ChangedFile, ...] = ()

    def text(self, path: str) -> str:
        return self.contents[path].decode("utf-8", errors="replace")

    def lines(self, path: str) -> list[str]:
        """The file's lines numbered as the diff numbers them: split at "\n" only (splitlines() also
        breaks at form feeds and U+2028, which would shift every line number after them)."""
        return [line.removesuffix("\r") for line in self.text(path).split("\n")]


def glob_body(pattern: str) -> str:
    """The regular expression (valid for `re` and RE2) of a glob: `**/` any directories, `*` and `?`
    within one path segment, everything else literal."""
    out, i = [], 0
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
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-style glob: a bare name matches at any depth, a directory covers what is below it."""
    directory = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    anywhere = "(?:.*/)?" if "/" not in pattern else ""
    below = "(?:/.*)?$" if directory or not pattern.endswith("*") else "$"
    return re.compile(f"^{anywhere}{glob_body(pattern)}{below}")


def matching_pattern(path: str, patterns: Sequence[str]) -> str | None:
    return next((p for p in patterns if _glob_regex(p).match(path)), None)


def _looks_binary(content: bytes) -> bool:
    return b"\x00" in content[:8192]


# Excluded by default and not code: lock files, source maps, minified style sheets. Other default
# exclusions (vendor/, node_modules/, dist/, generated code) hold code a PR could hide there.
_NOT_CODE = re.compile(r"(?:\.lock|\.map|\.min\.css|(?:^|/)go\.sum|(?:^|/)package-lock\.json|(?:^|/)pnpm-lock\.yaml)$")
_TEXT_SAMPLE = 65536


def is_text(content: bytes) -> bool:
    """Text with a NUL byte in it is still text: UTF-8 once the NULs are set aside."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(content[:_TEXT_SAMPLE].replace(b"\x00", b""), final=False)
    except UnicodeDecodeError:
        return False
    return True


def build_scope(change: Change, config: Config) -> Scope:
    files: list[ChangedFile] = []
    skipped: list[NotReviewed] = []
    unreviewed: set[str] = set()
    deleted: list[ChangedFile] = []
    contents: dict[str, bytes] = {}
    patterns = config.paths.patterns

    def leave_out(path: str, reason: str, *, escalate: bool) -> None:
        skipped.append(NotReviewed(path, reason))
        if escalate:
            unreviewed.add(path)

    for changed in change.files:
        path = changed.path
        if changed.status is FileStatus.DELETED:
            leave_out(path, "deleted", escalate=False)
            if not changed.is_binary and matching_pattern(path, patterns) is None:
                deleted.append(changed)
        elif changed.mode_only:
            leave_out(path, "file mode change only", escalate=False)
        elif not changed.hunks and not changed.is_binary:
            leave_out(path, "renamed without content changes", escalate=False)
        elif (pattern := matching_pattern(path, patterns)) is not None:
            # The base configuration's own exclusions are the team's decision; the defaults are ours.
            default = pattern not in config.paths.exclude
            leave_out(
                path,
                f"excluded by paths.exclude pattern {pattern!r}",
                escalate=default and not changed.is_binary and not _NOT_CODE.search(path),
            )
        elif (content := change.read_head(path)) is None:
            leave_out(path, "not readable at head", escalate=not changed.is_binary)
        elif changed.is_binary or _looks_binary(content):
            if not content:
                leave_out(path, "empty at head", escalate=False)
            elif is_text(content):
                leave_out(path, "text with a NUL byte: treated as binary, no analyzer can read it", escalate=True)
            else:
                leave_out(path, "binary file", escalate=False)
        elif len(content) > config.max_file_bytes:
            reason = f"larger than limits.max_file_bytes ({len(content):,} > {config.max_file_bytes:,} bytes)"
            leave_out(path, reason, escalate=True)
        else:
            files.append(changed)
            contents[path] = content
    return Scope(change, tuple(files), tuple(skipped), contents, frozenset(unreviewed), tuple(deleted))
