"""The change under review: its files, how to read them at head, and who proposed it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pr_review.gather.diff import ChangedFile, FileStatus


@dataclass(frozen=True, slots=True)
class ReviewTarget:
    repository: str  # "owner/name", or a local path for local scans
    base: str  # a sha or ref; "" when reviewing a bare diff file
    head: str


@dataclass(frozen=True, slots=True)
class PullRequestMeta:
    """Attacker-controlled text about the change. Data only: never instructions."""

    number: int | None = None
    title: str = ""
    body: str = ""
    head_ref: str = ""
    base_ref: str = ""
    author: str = ""
    url: str = ""
    commit_messages: tuple[str, ...] = ()


# Reads a file's bytes as they are at head, or None when it does not exist there.
HeadReader = Callable[[str], bytes | None]


@dataclass(frozen=True)
class Change:
    target: ReviewTarget
    files: tuple[ChangedFile, ...]
    read_head: HeadReader = field(repr=False, compare=False)
    pr: PullRequestMeta = field(default_factory=PullRequestMeta)
    # How the head content was obtained; "reconstructed" means only hunk lines are known.
    head_source: str = "git"

    def file(self, path: str) -> ChangedFile | None:
        return next((f for f in self.files if f.path == path), None)


# A file this tall is at least 1 MB (the default limits.max_file_bytes) even when blank.
MAX_RECONSTRUCTED_LINES = 1_000_000


def reconstruct_from_hunks(files: Iterable[ChangedFile]) -> HeadReader:
    """A head reader for a bare diff: lines the hunks show, blank lines elsewhere.

    Line numbers stay right, so scanners report the same lines a full checkout would.
    """
    texts: dict[str, bytes] = {}
    for changed in files:
        if changed.status is FileStatus.DELETED or changed.is_binary:
            continue
        known = {line.number: line.text for hunk in changed.hunks for line in (*hunk.added, *hunk.context)}
        if not known:
            continue
        last = max(known)
        if last > MAX_RECONSTRUCTED_LINES:
            continue  # a hunk header can claim any line number: not readable rather than gigabytes of blanks
        texts[changed.path] = "\n".join(known.get(n, "") for n in range(1, last + 1)).encode() + b"\n"
    return texts.get
