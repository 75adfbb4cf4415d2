"""Gather a pull request: metadata and files through the API, the diff from git where the API
omits it, head contents from git objects or the contents API (never the checkout's files)."""

from __future__ import annotations

import base64
import logging
import posixpath
from pathlib import Path

from github.ContentFile import ContentFile
from github.File import File
from github.PullRequest import PullRequest
from github.Repository import Repository

from pr_review.errors import ReviewIncomplete, ToolError
from pr_review.gather.change import Change, HeadReader, PullRequestMeta, ReviewTarget
from pr_review.gather.diff import ChangedFile, parse_diff
from pr_review.gather.local_git import DIFF_ARGS, fetch_commit, git, has_commit, read_blobs
from pr_review.github.actions import PullRequestEvent
from pr_review.github.client import GitHubApi, GitHubError
from pr_review.trust import BaseTree, CallableBaseTree, FallbackBaseTree, GitBaseTree

logger = logging.getLogger(__name__)

API_FILE_LIMIT = 3000  # GitHub lists at most 3,000 files of a pull request


def _api_file_diff(api_file: File) -> str:
    """One file's git-style diff rebuilt from the API's listing (the patch holds only hunks)."""
    path, status = api_file.filename, api_file.status
    old = api_file.previous_filename or path
    lines = [f"diff --git a/{old} b/{path}"]
    if status == "renamed":
        lines += [f"rename from {old}", f"rename to {path}"]
    if status == "added":
        lines.append("new file mode 100644")
    if status == "removed":
        lines.append("deleted file mode 100644")
    patch = _patch(api_file)
    if patch:
        source = "/dev/null" if status == "added" else f"a/{old}"
        target = "/dev/null" if status == "removed" else f"b/{path}"
        lines += [f"--- {source}", f"+++ {target}", patch.rstrip("\n")]
    elif api_file.additions == 0 and api_file.deletions == 0 and status != "renamed":
        lines.append(f"Binary files a/{old} and b/{path} differ")
    return "\n".join(lines) + "\n"


def _patch(api_file: File) -> str | None:
    patch: str | None = api_file.patch  # PyGithub types it str; the API omits it for large files
    return patch


def _needs_git(api_file: File) -> bool:
    """The API omits the patch of large files: their lines must come from git, never be skipped."""
    return _patch(api_file) is None and (api_file.additions > 0 or api_file.deletions > 0)


def _git_diff(workspace: Path, base: str, head: str, paths: list[str] | None) -> tuple[ChangedFile, ...]:
    pathspec = ["--", *paths] if paths else []
    try:
        return parse_diff(git(workspace, *DIFF_ARGS, f"{base}...{head}", *pathspec))
    except ToolError as exc:
        raise ReviewIncomplete(
            f"the pull request is too large for the API's diff and git in {workspace} cannot produce it: {exc}",
            hint="check out the repository with `fetch-depth: 0` so the base and head commits are present",
        ) from exc


def _files(api: GitHubApi, pull: PullRequest, workspace: Path, event: PullRequestEvent) -> tuple[ChangedFile, ...]:
    listed: list[File] = api.call("list the pull request's files", lambda: list(pull.get_files()))
    if len(listed) >= API_FILE_LIMIT or pull.changed_files > len(listed):
        logger.info("the API lists %d of %d files: taking the whole diff from git", len(listed), pull.changed_files)
        return _git_diff(workspace, event.base_sha, event.head_sha, None)
    from_api = {f.path: f for f in parse_diff("".join(_api_file_diff(f) for f in listed if not _needs_git(f)))}
    large = [f.filename for f in listed if _needs_git(f)]
    from_git = {f.path: f for f in _git_diff(workspace, event.base_sha, event.head_sha, large)} if large else {}
    missing = [path for path in large if path not in from_git]
    if missing:
        raise ReviewIncomplete(f"no diff could be obtained for {len(missing)} file(s), e.g. {missing[0]}")
    ordered = [from_api.get(f.filename) or from_git.get(f.filename) for f in listed]
    return tuple(f for f in ordered if f is not None)


Contents = ContentFile | list[ContentFile] | None


def _contents(api: GitHubApi, repo: Repository, path: str, commit: str, role: str) -> Contents:
    """The contents API's answer for a path at a commit, through the retry layer. None only when
    GitHub says the path does not exist there (404); anything else that fails stops the review."""
    where = f"{path} at {role} commit {commit}"
    try:
        return api.call(f"read {where}", lambda: repo.get_contents(path, ref=commit))
    except GitHubError as exc:
        if exc.status == 404 and "no commit found" not in str(exc).lower():
            return None
        raise ReviewIncomplete(f"cannot {exc}", hint=exc.hint) from exc  # "cannot read <path> at …: GitHub answered …"


def _read_file(api: GitHubApi, repo: Repository, path: str, commit: str, role: str) -> bytes | None:
    """A file's bytes as git stores them at a commit, through the contents API: a symlink is its
    target text (GitHub answers a link to a file of the repository with that file, under the
    target's path), a directory is not a file, a file over 1 MB comes from the blobs API."""
    content = _contents(api, repo, path, commit, role)
    if content is None or isinstance(content, list) or content.type in ("dir", "submodule"):
        return None
    if content.type == "symlink":
        return content.target.encode()
    if content.path != path:
        return posixpath.relpath(content.path, posixpath.dirname(path) or ".").encode()
    if content.encoding == "base64":
        return content.decoded_content
    blob_sha = content.sha
    try:
        blob = api.call(f"read {path} at {role} commit {commit}", lambda: repo.get_git_blob(blob_sha))
    except GitHubError as exc:
        raise ReviewIncomplete(f"cannot {exc}", hint=exc.hint) from exc
    return base64.b64decode(blob.content)


def head_reader(
    api: GitHubApi, repo: Repository, workspace: Path, head_sha: str, files: tuple[ChangedFile, ...]
) -> HeadReader:
    """Head contents from git objects: those in the workspace, or fetched from origin (a shallow
    Actions checkout holds only the merge commit); else from the contents API at the head sha.
    Never from the checkout's files: a committed symlink there would lead outside the change."""
    if has_commit(workspace, head_sha) or fetch_commit(workspace, head_sha):
        try:
            blobs = read_blobs(workspace, head_sha, [f.path for f in files])
        except ToolError as exc:
            logger.info("git cannot read the head's files (%s): using the contents API", exc)
        else:
            return blobs.get
    cache: dict[str, bytes | None] = {}

    def from_api(path: str) -> bytes | None:
        if path not in cache:
            cache[path] = _read_file(api, repo, path, head_sha, "head")
        return cache[path]

    return from_api


def gather_pull_request(
    api: GitHubApi, repo: Repository, repository: str, event: PullRequestEvent, workspace: Path
) -> tuple[Change, PullRequest]:
    """`repository`: owner/name as the run was told it (GITHUB_REPOSITORY), recorded as the target."""
    pull: PullRequest = api.call(f"read pull request #{event.number}", lambda: repo.get_pull(event.number))
    files = _files(api, pull, workspace, event)
    messages = api.call("list the pull request's commits", lambda: [c.commit.message for c in pull.get_commits()])
    meta = PullRequestMeta(
        number=event.number,
        title=pull.title or "",
        body=pull.body or "",
        head_ref=event.head_ref,
        base_ref=event.base_ref,
        author=event.author,
        url=pull.html_url,
        commit_messages=tuple(messages),
    )
    target = ReviewTarget(repository, event.base_sha, event.head_sha)
    reader = head_reader(api, repo, workspace, event.head_sha, files)
    return Change(target, files, reader, meta, head_source="github"), pull


def base_tree(api: GitHubApi, repo: Repository, workspace: Path, base_sha: str) -> BaseTree:
    """Files as they are at the base commit (the review's own config and rules): git in the
    workspace first, then the contents API (a shallow checkout may lack the base commit)."""

    def read(path: str) -> bytes | None:
        return _read_file(api, repo, path, base_sha, "base")

    def list_files(directory: str) -> list[str]:
        found: list[str] = []
        pending = [directory]
        while pending and len(found) < 1000:
            listing = _contents(api, repo, pending.pop(), base_sha, "base")
            for item in listing if isinstance(listing, list) else [listing] if listing is not None else []:
                (pending if item.type == "dir" else found).append(item.path)
        return found

    return FallbackBaseTree((GitBaseTree(workspace, base_sha), CallableBaseTree(read, list_files)))


def api_commentable_lines(api: GitHubApi, pull: PullRequest) -> dict[str, frozenset[int]]:
    """Lines GitHub accepts a RIGHT-side comment on, per file, from the API's current patches."""
    listed: list[File] = api.call("list the pull request's files", lambda: list(pull.get_files()))
    files = parse_diff("".join(_api_file_diff(f) for f in listed if _patch(f) is not None))
    return {f.path: f.commentable_lines for f in files}
