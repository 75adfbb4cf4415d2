"""Local sources of a change: a git repository (base...head, or the worktree) or a diff file."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from pr_review.errors import GitError, ToolError, UsageError
from pr_review.gather.change import Change, HeadReader, ReviewTarget, reconstruct_from_hunks
from pr_review.gather.diff import ChangedFile, parse_diff
from pr_review.process import run_tool

logger = logging.getLogger(__name__)

WORKTREE = "WORKTREE"
_GIT_TIMEOUT = 120.0
DIFF_ARGS = (
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "-M",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--full-index",
)


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    # quotePath=false keeps unicode paths readable instead of octal-escaped.
    argv = ["git", "-c", "core.quotePath=false", "-C", str(repo), *args]
    return run_tool(argv, timeout=_GIT_TIMEOUT, stdin=stdin).stdout


def repo_root(path: Path) -> Path:
    if not path.is_dir():
        raise UsageError(f"{path}: no such directory")
    try:
        out = git(path, "rev-parse", "--show-toplevel")
    except ToolError as exc:
        raise GitError(
            f"{path} is not a git repository",
            hint="run inside a git checkout, or pass the change with --diff FILE",
        ) from exc
    return Path(out.decode().strip())


def resolve_commit(repo: Path, ref: str) -> str:
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except ToolError as exc:
        hint = _shallow_hint(repo, ref) or (
            f"check the name with `git branch -a`; a branch or commit not fetched yet needs `git fetch origin {ref}`"
        )
        raise GitError(f"unknown git ref {ref!r} in {repo}", hint=hint) from exc


def is_shallow(repo: Path) -> bool:
    return git(repo, "rev-parse", "--is-shallow-repository").strip() == b"true"


def _shallow_hint(repo: Path, ref: str) -> str | None:
    """actions/checkout clones one commit deep by default: the base and its history are not there."""
    try:
        shallow = is_shallow(repo)
    except ToolError:
        shallow = False
    if shallow:
        return (
            "this clone is shallow: in GitHub Actions check out with `fetch-depth: 0`; "
            f"locally run `git fetch --unshallow` or `git fetch origin {ref}`"
        )
    return None


def default_branch(repo: Path) -> str:
    try:
        ref = git(repo, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD").decode().strip()
        return ref.removeprefix("refs/remotes/")
    except ToolError:
        pass
    for candidate in ("main", "master", "origin/main", "origin/master"):
        try:
            resolve_commit(repo, candidate)
        except GitError:
            continue
        return candidate
    raise GitError(f"cannot tell the default branch of {repo}", hint="pass the base explicitly with --base REF")


def merge_base(repo: Path, base: str, head: str) -> str:
    try:
        return git(repo, "merge-base", base, head).decode().strip()
    except ToolError as exc:
        raise GitError(
            f"{base} and {head} share no history", hint=_shallow_hint(repo, base) or "pass --base explicitly"
        ) from exc


def cat_blobs(repo: Path, names: dict[str, str]) -> dict[str, bytes]:
    """Blob contents in one `git cat-file --batch` call: `names` maps each key to the object name
    to ask for (`<commit>:<path>` or an object id); a missing object, a tree or a submodule is left
    out."""
    wanted = {key: name for key, name in names.items() if "\n" not in name}
    if not wanted:
        return {}
    out = git(repo, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in wanted.values()).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for key in wanted:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        position = header_end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # missing, or a submodule/tree
        size = int(header[2])
        blobs[key] = out[position : position + size]
        position += size + 1
    return blobs


def read_blobs(repo: Path, commit: str, paths: list[str]) -> dict[str, bytes]:
    """File contents at a commit, in one `git cat-file --batch` call."""
    return cat_blobs(repo, {path: f"{commit}:{path}" for path in paths})


def has_commit(repo: Path, sha: str) -> bool:
    """Whether the commit's objects are in the repository (a shallow checkout lacks most)."""
    try:
        git(repo, "cat-file", "-e", f"{sha}^{{commit}}")
    except ToolError:
        return False
    return True


def fetch_commit(repo: Path, sha: str) -> bool:
    """Fetch one commit from `origin` (actions/checkout fetches only the merge commit, without its
    parents); True when its objects are then present. A shallow repository stays shallow."""
    try:
        depth = ["--depth=1"] if is_shallow(repo) else []
        quiet = ("--quiet", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head")
        git(repo, "fetch", *quiet, *depth, "origin", sha)
    except ToolError as exc:
        logger.info("cannot fetch %s from origin: %s", sha[:12], exc)
        return False
    return has_commit(repo, sha)


def _is_git_dir(name: str) -> bool:
    return name.casefold() == ".git"


def _read_without_following(root: Path, path: str) -> bytes | None:
    """A file of the checkout opened component by component with O_NOFOLLOW, so no symlink in the
    path is followed. A symlink is read as git stores it: its target text."""
    parts = path.split("/")
    if path.startswith("/") or any(p in ("", ".", "..") or _is_git_dir(p) for p in parts):
        logger.warning("refusing to read %r: not a path inside the checkout", path)
        return None
    directory = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            # ELOOP / ENOTDIR when the component is a symlink or not a directory: git never stores
            # a file beyond a symlink, so there is nothing to read.
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=directory)
            os.close(directory)
            directory = inner
        name = parts[-1]
        info = os.stat(name, dir_fd=directory, follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            return os.fsencode(os.readlink(name, dir_fd=directory))
        if not stat.S_ISREG(info.st_mode):
            return None
        handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=directory)
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None  # replaced since the stat
            return file.read()
    finally:
        os.close(directory)


def worktree_reader(root: Path) -> HeadReader:
    """Reads files of the checkout without following symlinks (a committed link to `.git/config`
    or to an ignored `.env` is reviewed as the link it is), and never inside `.git`."""

    def read(path: str) -> bytes | None:
        try:
            return _read_without_following(root, path)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:  # a symlinked directory, a name too long, no permission, NUL
            logger.warning("cannot read %r in the checkout: %s", path, type(exc).__name__)
            return None

    return read


def from_git(repo: Path, base: str | None, head: str) -> Change:
    root = repo_root(repo)
    head_sha = WORKTREE if head == WORKTREE else resolve_commit(root, head)
    base_ref = base or default_branch(root)
    base_sha = merge_base(root, resolve_commit(root, base_ref), "HEAD" if head == WORKTREE else head_sha)
    if head == WORKTREE:
        diff = git(root, *DIFF_ARGS, base_sha)
        reader = worktree_reader(root)
    else:
        diff = git(root, *DIFF_ARGS, f"{base_sha}...{head_sha}")
        files = parse_diff(diff)
        blobs = read_blobs(root, head_sha, [f.path for f in files])
        return Change(ReviewTarget(str(root), base_sha, head_sha), files, blobs.get, head_source="git")
    return Change(ReviewTarget(str(root), base_sha, head_sha), parse_diff(diff), reader, head_source="worktree")


def matches_head(changed: ChangedFile, content: bytes | None) -> bool:
    if content is None:
        return False
    lines = content.decode("utf-8", errors="replace").split("\n")  # as the diff numbers lines
    return all(n <= len(lines) and lines[n - 1].removesuffix("\r") == text for n, text in changed.added_text.items())


def from_diff_file(diff_path: Path, checkout: Path | None) -> Change:
    """A change given as a diff file. Head contents come from `checkout` where the files there
    match the diff's added lines, and are reconstructed from the hunks otherwise."""
    try:
        data = diff_path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read diff file {diff_path}: {exc.strerror}") from exc
    files = parse_diff(data)
    reconstructed = reconstruct_from_hunks(files)
    on_disk = worktree_reader(checkout) if checkout is not None else None
    contents: dict[str, bytes | None] = {}
    from_checkout = 0
    for changed in files:
        content = on_disk(changed.path) if on_disk is not None else None
        if matches_head(changed, content):
            contents[changed.path] = content
            from_checkout += 1
        else:
            contents[changed.path] = reconstructed(changed.path)
    source = "worktree" if files and from_checkout == len(files) else "reconstructed"
    repository = str(checkout) if checkout is not None else str(diff_path)
    return Change(ReviewTarget(repository, "", diff_path.name), files, contents.get, head_source=source)
