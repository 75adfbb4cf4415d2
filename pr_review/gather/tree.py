"""A commit's tree, read from git objects only: what the model's lookup tools may read.

Never the worktree. A path is normalised and must name an entry of the commit's tree: `..`,
absolute paths, backslashes, NUL and `.git` components are refused before git is asked anything;
a symbolic link (mode 120000) or a submodule (160000) is refused, never followed. A refusal is a
`Refusal` with a sentence the model can read, not an exception: a bad lookup never fails the review.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from pr_review.errors import ToolError
from pr_review.gather.change import Change
from pr_review.gather.local_git import cat_blobs, fetch_commit, git, has_commit

MAX_PATH_CHARS = 1024
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
TREE_MODE = "040000"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a lookup is not answered, in words the model reads."""

    reason: str


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    mode: str  # git's: 100644, 100755, 120000 (symlink), 160000 (submodule), 040000 (tree)
    oid: str
    size: int  # blobs only; 0 for trees and submodules


def normalise(path: str) -> str | Refusal:
    """The tree path a model-given path names ("" for the root), or why it cannot name one."""
    if len(path) > MAX_PATH_CHARS:
        return Refusal("refused: the path is too long")
    if "\0" in path or "\\" in path:
        return Refusal("refused: the path holds a backslash or NUL; use / between directories")
    if path.startswith("/"):
        return Refusal("refused: absolute paths are outside the repository; give a path relative to its root")
    parts = [p for p in path.strip().split("/") if p not in ("", ".")]
    if ".." in parts:
        return Refusal("refused: `..` leaves the repository tree")
    if any(p.casefold() == ".git" for p in parts):
        return Refusal("refused: git's own directory is not part of the repository tree")
    return "/".join(parts)


class GitTree:
    """One commit of a local repository. Its listing is read once (`git ls-tree -r -t -l`) and
    kept; file contents are read by object id."""

    def __init__(self, repo: Path, commit: str, name: str) -> None:
        self.repo = repo
        self.commit = commit
        self.name = name  # "head" or "base", as the tools call it
        self._entries: dict[str, Entry] | None = None
        self._lock = threading.Lock()

    def entries(self) -> dict[str, Entry]:
        with self._lock:
            if self._entries is None:
                self._entries = self._read_listing()
            return self._entries

    def _read_listing(self) -> dict[str, Entry]:
        out = git(self.repo, "ls-tree", "-r", "-t", "-l", "-z", "--full-tree", self.commit)
        entries: dict[str, Entry] = {}
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            fields = meta.split()
            if len(fields) != 4:
                continue
            mode, _, oid, size = (f.decode("ascii", errors="replace") for f in fields)
            path = raw_path.decode("utf-8", errors="replace")
            entries[path] = Entry(path, mode, oid, int(size) if size.isdigit() else 0)
        return entries

    def entry(self, path: str) -> Entry | Refusal:
        """The entry a normalised path names, or a refusal for a link, a submodule or a miss."""
        found = self.entries().get(path)
        if found is None:
            return Refusal(f"not found: {path!r} is not in the {self.name} tree")
        if found.mode == SYMLINK_MODE:
            return Refusal(f"refused: {path!r} is a symbolic link; links are not followed")
        if found.mode == SUBMODULE_MODE:
            return Refusal(f"refused: {path!r} is a submodule; its content is not part of this repository")
        return found

    def blob(self, entry: Entry) -> bytes:
        return git(self.repo, "cat-file", "blob", entry.oid)

    def blobs(self, entries: list[Entry]) -> dict[str, bytes]:
        """Several files' contents in one `git cat-file --batch` call, by object id."""
        return cat_blobs(self.repo, {entry.path: entry.oid for entry in entries})


@dataclass(frozen=True, slots=True)
class ReviewTrees:
    """The trees the model may look things up in; `unavailable` says why there are none."""

    head: GitTree | None = None
    base: GitTree | None = None
    unavailable: str = "no git repository"


NO_TREES = ReviewTrees()


def review_trees(change: Change, repo_root: Path | None) -> ReviewTrees:
    """The change's head and base commits in the local repository, when their objects are there.

    Never the worktree: a scan of uncommitted changes or of a diff file offers no tree.
    """
    target = change.target
    if change.head_source == "worktree":
        return ReviewTrees(unavailable="the head is the uncommitted working tree, not a commit")
    if change.head_source == "reconstructed" or repo_root is None:
        return ReviewTrees(unavailable="the change is a diff file, not commits in a repository")
    try:
        if not target.head or not has_commit(repo_root, target.head):
            return ReviewTrees(unavailable=f"the head commit {target.head[:12]} is not in {repo_root}")
        # actions/checkout leaves neither parent of its merge commit: the base is fetched like the head.
        present = bool(target.base) and (
            has_commit(repo_root, target.base)
            or (change.head_source == "github" and fetch_commit(repo_root, target.base))
        )
    except ToolError as exc:  # has_commit answers False for a missing object; git itself missing ends here
        return ReviewTrees(unavailable=f"git cannot read {repo_root}: {exc}")
    base = GitTree(repo_root, target.base, "base") if present else None
    return ReviewTrees(GitTree(repo_root, target.head, "head"), base, "")
