"""Local sources of a change: a git repository (base...head, or the worktree) or a diff file."""

from __future__ import annotations

import logging
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
        raise GitError(f"unknown git ref {ref!r} in {repo}", hint="check the name with `git log`") from exc


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
        raise GitError(f"{base} and {head} share no history", hint="pass --base explicitly") from exc


def read_blobs(repo: Path, commit: str, paths: list[str]) -> dict[str, bytes]:
    """File contents at a commit, in one `git cat-file --batch` call."""
    wanted = [p for p in paths if "\n" not in p]
    if not wanted:
        return {}
    request = "".join(f"{commit}:{p}\n" for p in wanted).encode()
    out = git(repo, "cat-file", "--batch", stdin=request)
    blobs: dict[str, bytes] = {}
    position = 0
    for path in wanted:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        position = header_end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # missing, or a submodule/tree
        size = int(header[2])
        blobs[path] = out[position : position + size]
        position += size + 1
    return blobs


def worktree_reader(root: Path) -> HeadReader:
    """Reads files of the checkout, refusing paths that leave it (.., absolute, symlinks)."""
    resolved_root = root.resolve()

    def read(path: str) -> bytes | None:
        try:
            candidate = (resolved_root / path).resolve()
            if Path(path).is_absolute() or not candidate.is_relative_to(resolved_root):
                logger.warning("refusing to read %r: outside the checkout", path)
                return None
            if not candidate.is_file():
                return None
            return candidate.read_bytes()
        except (OSError, RuntimeError) as exc:  # a name too long, a symlink loop, no permission
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
