"""A loopback fake of the GitHub REST API v3, driven by the real PyGithub client.

Standard library only.  The server keeps repositories, pull requests, reviews,
comments and labels in memory, answers with GitHub-shaped JSON (URLs are built
from the ``Host`` the client used, so PyGithub follows them back to the fake),
records every request and lets tests inject faults per (method, path pattern).

The same routes are served at the root (``fake.url``, like api.github.com) and
under the GHES prefix ``/api/v3`` (``fake.ghes_url``).

This module also holds :class:`LoopbackServer`, the small threaded HTTP server
base shared with :mod:`.anthropic`.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.server
import itertools
import json
import posixpath
import re
import socket
import sys
import threading
import time
import traceback
import urllib.parse
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, ClassVar, Literal, Self

__all__ = [
    "FakeCommit",
    "FakeFile",
    "FakeGitHub",
    "FakePullRequest",
    "FakeRepo",
    "GitHubFault",
    "LoopbackServer",
    "PatchMap",
    "RecordedRequest",
    "TokenInfo",
    "files_from_diff",
    "parse_patch",
]

JSONValue = Any

# --------------------------------------------------------------------------------------------------------
# Shared loopback HTTP server
# --------------------------------------------------------------------------------------------------------

_REASONS: dict[int, str] = {422: "Unprocessable Entity", 429: "Too Many Requests", 529: "Site Overloaded"}


class _ThreadingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, owner: LoopbackServer) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):  # client went away: not interesting
            return
        super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ThreadingServer

    def setup(self) -> None:
        super().setup()
        # headers and body go out in separate writes: without this, Nagle + delayed ACK add ~40 ms per request
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.owner._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.owner._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        return

    def _dispatch(self) -> None:
        self.server.owner._serve(self)

    do_GET = _dispatch
    do_POST = _dispatch
    do_PUT = _dispatch
    do_PATCH = _dispatch
    do_DELETE = _dispatch
    do_HEAD = _dispatch

    # -- helpers used by the fakes ----------------------------------------------------------------------
    def read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send(self, status: int, body: bytes, headers: Iterable[tuple[str, str]]) -> None:
        try:
            self.send_response(status, _REASONS.get(status))
            for name, value in headers:
                self.send_header(name, value)
            if status != 204 and status >= 200:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD" and status != 204:
                self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    def drop(self) -> None:
        """Close the connection without writing a byte of response."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


class LoopbackServer:
    """A ``ThreadingHTTPServer`` on 127.0.0.1:0 served by a daemon thread; a context manager."""

    def __init__(self) -> None:
        self._httpd: _ThreadingServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        self.stopping = threading.Event()

    def start(self) -> Self:
        if self._httpd is not None:
            raise RuntimeError(f"{type(self).__name__} already started")
        self.stopping.clear()
        self._httpd = _ThreadingServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"{type(self).__name__}:{self._httpd.server_port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd = self._httpd
        if httpd is None:
            return
        self.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        with self._conn_lock:
            conns = list(self._connections)
            self._connections.clear()
        for conn in conns:  # idle keep-alive connections would otherwise keep being served
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError(f"{type(self).__name__} is not running")
        return self._httpd.server_port

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:41234`` (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._conn_lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _serve(self, handler: _Handler) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dumps(obj: JSONValue) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


# --------------------------------------------------------------------------------------------------------
# Diffs and patches
# --------------------------------------------------------------------------------------------------------

_HUNK_RE = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class DiffLine:
    """One line of a patch. ``position`` is GitHub's diff position (the first ``@@`` is 0)."""

    position: int
    hunk: int
    kind: Literal[" ", "+", "-"]
    old: int | None
    new: int | None


@dataclass
class PatchMap:
    """The commentable lines of one file's ``patch``."""

    lines: list[str]
    right: dict[int, DiffLine] = field(default_factory=dict)  # new-file line -> added/context line
    left: dict[int, DiffLine] = field(default_factory=dict)  # old-file line -> deleted/context line
    by_position: dict[int, DiffLine] = field(default_factory=dict)
    hunk_starts: dict[int, int] = field(default_factory=dict)  # hunk index -> index of its @@ line

    def diff_hunk(self, position: int) -> str:
        """GitHub's ``diff_hunk`` of a comment: from the hunk header through the commented line."""
        start = self.hunk_starts[self.by_position[position].hunk]
        return "\n".join(self.lines[start : position + 1])

    def find(self, line: int, side: str) -> DiffLine | None:
        return (self.left if side == "LEFT" else self.right).get(line)


def parse_patch(patch: str) -> PatchMap:
    """Map the lines of a GitHub ``patch`` (hunks only, no ``---``/``+++`` header)."""
    pm = PatchMap(lines=patch.split("\n"))
    old = new = 0
    hunk = -1
    for idx, text in enumerate(pm.lines):
        m = _HUNK_RE.match(text)
        if m:
            hunk += 1
            old, new = int(m[1]), int(m[3])
            pm.hunk_starts[hunk] = idx
            continue
        if hunk < 0 or text.startswith("\\"):
            continue
        tag = text[:1]
        if tag == "+":
            dl = DiffLine(idx, hunk, "+", None, new)
            pm.right[new] = dl
            new += 1
        elif tag == "-":
            dl = DiffLine(idx, hunk, "-", old, None)
            pm.left[old] = dl
            old += 1
        else:
            dl = DiffLine(idx, hunk, " ", old, new)
            pm.right[new] = dl
            pm.left[old] = dl
            old += 1
            new += 1
        pm.by_position[idx] = dl
    return pm


def _count_changes(patch: str | None) -> tuple[int, int]:
    if not patch:
        return 0, 0
    adds = dels = 0
    for text in patch.split("\n"):
        if text.startswith("+"):
            adds += 1
        elif text.startswith("-"):
            dels += 1
    return adds, dels


def _git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _fake_sha(*parts: object) -> str:
    return hashlib.sha1("\0".join(map(str, parts)).encode()).hexdigest()


@dataclass
class FakeFile:
    """One entry of ``GET /pulls/{n}/files``.

    ``patch`` is the hunks text (starting at ``@@``) or ``None`` for binary files.
    ``omit_patch`` hides ``patch`` from the files endpoint (as GitHub does for large diffs)
    while keeping it for the full ``.diff`` and for review-comment validation.
    ``additions``/``deletions`` default to the counts of the patch.
    """

    filename: str
    patch: str | None = None
    status: str = "modified"  # added, removed, modified, renamed, copied, changed, unchanged
    additions: int | None = None
    deletions: int | None = None
    previous_filename: str | None = None
    omit_patch: bool = False
    sha: str | None = None

    def __post_init__(self) -> None:
        adds, dels = _count_changes(self.patch)
        if self.additions is None:
            self.additions = adds
        if self.deletions is None:
            self.deletions = dels
        if self.sha is None:
            self.sha = _fake_sha("blob", self.filename, self.patch)

    @property
    def changes(self) -> int:
        return (self.additions or 0) + (self.deletions or 0)


@dataclass
class _DiffFileBuilder:
    old_path: str | None = None
    new_path: str | None = None
    status: str = "modified"
    binary: bool = False
    saw_minus: bool = False
    patch_lines: list[str] = field(default_factory=list)


def _diff_path(raw: str) -> str | None:
    raw = raw.split("\t", 1)[0].strip()
    if raw.startswith('"') and raw.endswith('"'):
        raw = raw[1:-1]
    if raw == "/dev/null":
        return None
    if raw[:2] in ("a/", "b/"):
        return raw[2:]
    return raw


def _git_header_paths(rest: str) -> tuple[str, str]:
    if rest.startswith("a/"):
        n = (len(rest) - 5) // 2
        if rest[2 + n : 5 + n] == " b/" and rest[2 : 2 + n] == rest[5 + n :]:
            return rest[2 : 2 + n], rest[5 + n :]
        if " b/" in rest:
            i = rest.index(" b/")
            return rest[2:i], rest[i + 3 :]
    old, _, new = rest.partition(" ")
    return old, new


def files_from_diff(diff: str) -> list[FakeFile]:
    """Split a unified diff (``git diff`` or plain ``diff -u``) into :class:`FakeFile` entries."""
    builders: list[_DiffFileBuilder] = []
    cur: _DiffFileBuilder | None = None
    rem_old = rem_new = 0
    for line in diff.splitlines():
        if cur is not None and (rem_old > 0 or rem_new > 0):
            cur.patch_lines.append(line)
            if line.startswith("\\"):
                continue
            tag = line[:1]
            if tag == "+":
                rem_new -= 1
            elif tag == "-":
                rem_old -= 1
            else:
                rem_old -= 1
                rem_new -= 1
            continue
        if cur is not None and line.startswith("\\") and cur.patch_lines:
            cur.patch_lines.append(line)
        elif line.startswith("diff --git "):
            cur = _DiffFileBuilder()
            builders.append(cur)
            cur.old_path, cur.new_path = _git_header_paths(line[len("diff --git ") :])
        elif line.startswith("--- ") and (cur is None or cur.patch_lines or cur.saw_minus):
            cur = _DiffFileBuilder(saw_minus=True)
            builders.append(cur)
            cur.old_path = _diff_path(line[4:])
            if cur.old_path is None:
                cur.status = "added"
        elif cur is None:
            continue
        elif line.startswith("--- "):
            cur.saw_minus = True
            cur.old_path = _diff_path(line[4:])
            if cur.old_path is None:
                cur.status = "added"
        elif line.startswith("+++ "):
            cur.new_path = _diff_path(line[4:])
            if cur.new_path is None:
                cur.status = "removed"
        elif m := _HUNK_RE.match(line):
            cur.patch_lines.append(line)
            rem_old = int(m[2]) if m[2] is not None else 1
            rem_new = int(m[4]) if m[4] is not None else 1
        elif line.startswith("new file mode"):
            cur.status = "added"
        elif line.startswith("deleted file mode"):
            cur.status = "removed"
        elif line.startswith("rename from "):
            cur.old_path, cur.status = line[len("rename from ") :], "renamed"
        elif line.startswith("rename to "):
            cur.new_path = line[len("rename to ") :]
        elif line.startswith("copy from "):
            cur.old_path, cur.status = line[len("copy from ") :], "copied"
        elif line.startswith("copy to "):
            cur.new_path = line[len("copy to ") :]
        elif line.startswith(("Binary files ", "GIT binary patch")):
            cur.binary = True
    files: list[FakeFile] = []
    for b in builders:
        name = b.new_path if b.status != "removed" else (b.old_path or b.new_path)
        if not name:
            continue
        patch = "\n".join(b.patch_lines) if b.patch_lines and not b.binary else None
        files.append(
            FakeFile(
                filename=name,
                patch=patch,
                status=b.status,
                previous_filename=b.old_path if b.status in ("renamed", "copied") else None,
            )
        )
    return files


def _render_file_diff(f: FakeFile) -> str:
    old = f.previous_filename or f.filename
    a_path = "/dev/null" if f.status == "added" else f"a/{old}"
    b_path = "/dev/null" if f.status == "removed" else f"b/{f.filename}"
    blob = (f.sha or "0" * 40)[:7]
    out = [f"diff --git a/{old} b/{f.filename}"]
    if f.status == "added":
        out += ["new file mode 100644", f"index 0000000..{blob}"]
    elif f.status == "removed":
        out += ["deleted file mode 100644", f"index {blob}..0000000"]
    elif f.status in ("renamed", "copied"):
        verb = "rename" if f.status == "renamed" else "copy"
        out += [f"similarity index {100 if not f.patch else 90}%", f"{verb} from {old}", f"{verb} to {f.filename}"]
        if f.patch:
            out.append(f"index {_fake_sha(old)[:7]}..{blob} 100644")
    else:
        out.append(f"index {_fake_sha(old, 'base')[:7]}..{blob} 100644")
    if f.patch is None:
        if f.status not in ("renamed", "copied"):
            out.append(f"Binary files {a_path} and {b_path} differ")
    else:
        out += [f"--- {a_path}", f"+++ {b_path}", f.patch]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------------------
# State
# --------------------------------------------------------------------------------------------------------

_PERMISSIONS = ("none", "read", "triage", "write", "maintain", "admin")
_LEGACY_PERMISSION = {"admin": "admin", "maintain": "write", "write": "write", "triage": "read", "read": "read"}


@dataclass
class TokenInfo:
    """Who a token authenticates as. ``read_only`` tokens get 403 on every write."""

    login: str = "github-actions[bot]"
    read_only: bool = False


@dataclass
class FakeCommit:
    sha: str
    message: str = "Change things"
    author: str | None = None  # GitHub login; None = commit email not linked to a user
    author_name: str = "A U Thor"
    author_email: str = "author@example.com"
    date: str = "2024-01-01T00:00:00Z"


@dataclass
class ReviewCommentRecord:
    id: int
    review_id: int
    path: str
    body: str
    user: str
    commit_id: str
    original_commit_id: str
    line: int | None
    side: str | None
    start_line: int | None
    start_side: str | None
    position: int | None
    diff_hunk: str
    subject_type: str = "line"
    in_reply_to_id: int | None = None
    created_at: str = field(default_factory=_now_iso)
    updated_at: str = field(default_factory=_now_iso)


@dataclass
class ReviewRecord:
    id: int
    user: str
    body: str
    state: str  # APPROVED, CHANGES_REQUESTED, COMMENTED, PENDING, DISMISSED
    commit_id: str
    submitted_at: str | None


@dataclass
class IssueCommentRecord:
    id: int
    user: str
    body: str
    created_at: str = field(default_factory=_now_iso)
    updated_at: str = field(default_factory=_now_iso)


@dataclass
class FakePullRequest:
    number: int
    title: str = "A pull request"
    body: str | None = ""
    user: str = "octocat"
    head_ref: str = "feature"
    head_sha: str = ""
    base_ref: str = "main"
    base_sha: str = ""
    state: str = "open"
    draft: bool = False
    merged: bool = False
    head_repo: str | None = None  # "owner/name" of a fork; None = same repository
    files: list[FakeFile] = field(default_factory=list)
    commits: list[FakeCommit] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    requested_reviewers: list[str] = field(default_factory=list)
    diff_too_large: bool = False  # force the 406 on the .diff media type
    id: int = 0
    created_at: str = field(default_factory=_now_iso)
    updated_at: str = field(default_factory=_now_iso)
    reviews: list[ReviewRecord] = field(default_factory=list)
    review_comments: list[ReviewCommentRecord] = field(default_factory=list)
    issue_comments: list[IssueCommentRecord] = field(default_factory=list)

    def file(self, path: str) -> FakeFile | None:
        return next((f for f in self.files if f.filename == path), None)

    def diff_text(self) -> str:
        return "\n".join(_render_file_diff(f) for f in self.files) + "\n"


@dataclass
class FakeLabel:
    name: str
    color: str = "ededed"
    description: str | None = None
    id: int = 0


@dataclass
class FakeRepo:
    owner: str
    name: str
    default_branch: str = "main"
    private: bool = False
    fork: bool = False
    id: int = 0
    collaborators: dict[str, str] = field(default_factory=dict)  # login -> admin/maintain/write/triage/read
    labels: dict[str, FakeLabel] = field(default_factory=dict)  # lower-cased name -> label
    pulls: dict[int, FakePullRequest] = field(default_factory=dict)
    contents: dict[str, dict[str, bytes]] = field(default_factory=dict)  # commit sha -> {path: bytes}
    symlinks: dict[str, dict[str, str]] = field(default_factory=dict)  # commit sha -> {path: link target}
    branches: dict[str, str] = field(default_factory=dict)  # branch -> sha

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def permission_of(self, login: str) -> str:
        """Role of ``login``: the owner is admin; non-collaborators read public repos."""
        if login.lower() == self.owner.lower():
            return "admin"
        for user, perm in self.collaborators.items():
            if user.lower() == login.lower():
                return perm
        return "none" if self.private else "read"

    def label(self, name: str) -> FakeLabel | None:
        return self.labels.get(name.lower())


# --------------------------------------------------------------------------------------------------------
# Faults and recording
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GitHubFault:
    """What to do instead of (or around) a normal answer. Build with the class methods."""

    kind: Literal["respond", "lose_response", "drop", "delay", "call"]
    status: int = 0
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    reset_in: float | None = None  # primary rate limit: x-ratelimit-reset = now + reset_in
    action: Callable[[], object] | None = None  # "call": run this, then answer normally

    @classmethod
    def call(cls, action: Callable[[], object]) -> GitHubFault:
        """Run ``action`` (e.g. a push that changes the pull request), then answer normally."""
        return cls("call", action=action)

    @classmethod
    def error(
        cls,
        status: int,
        message: str,
        *,
        errors: list[Any] | None = None,
        documentation_url: str = "https://docs.github.com/rest",
        headers: Mapping[str, str] | None = None,
    ) -> GitHubFault:
        """A GitHub-shaped JSON error ``{"message", ["errors"], "documentation_url", "status"}``."""
        return cls(
            "respond",
            status,
            _dumps(_gh_error_payload(status, message, errors=errors, documentation_url=documentation_url)),
            headers=tuple((headers or {}).items()),
        )

    @classmethod
    def server_error(cls, status: int = 502, *, html: bool | None = None) -> GitHubFault:
        """5xx. 502/503/504 default to the HTML page of GitHub's front end; others to JSON."""
        if html is None:
            html = status in (502, 503, 504)
        if html:
            phrase = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}.get(status, "Error")
            page = (
                "<!DOCTYPE html>\n<html>\n<head><title>Unicorn! &middot; GitHub</title></head>\n"
                f"<body><h1>{status} {phrase}</h1><p>We had issues producing the response to your request."
                " Sorry about that. Please try refreshing and contact us if the problem persists.</p>"
                "</body>\n</html>\n"
            )
            return cls("respond", status, page.encode(), content_type="text/html; charset=utf-8")
        return cls.error(status, "Server Error")

    @classmethod
    def secondary_rate_limit(cls, retry_after: int | None = 1) -> GitHubFault:
        """403 with ``retry-after`` (omitted when ``None``) and the secondary-rate-limit message."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return cls.error(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
            "If you reach out to GitHub Support for help, please include the request ID "
            "C0DE:1F2E:3A4B5C:6D7E8F:65A1B2C3.",
            documentation_url="https://docs.github.com/free-pro-team@latest/rest/overview/"
            "rate-limits-for-the-rest-api#about-secondary-rate-limits",
            headers=headers,
        )

    @classmethod
    def primary_rate_limit(cls, status: Literal[403, 429] = 403, *, reset_in: float = 1.0) -> GitHubFault:
        """403/429 with ``x-ratelimit-remaining: 0`` and ``x-ratelimit-reset`` = now + ``reset_in``."""
        base = cls.error(
            status,
            "API rate limit exceeded for installation ID 1.",
            documentation_url="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
            "#about-the-primary-rate-limit",
        )
        return cls("respond", status, base.body, reset_in=reset_in)

    @classmethod
    def lose_response(cls) -> GitHubFault:
        """Perform the request (writes are stored) but close the connection instead of answering."""
        return cls("lose_response")

    @classmethod
    def drop_connection(cls) -> GitHubFault:
        """Close the connection without performing the request."""
        return cls("drop")

    @classmethod
    def delay(cls, seconds: float) -> GitHubFault:
        """Sleep, then answer normally (for client timeouts)."""
        return cls("delay", seconds=seconds)

    @classmethod
    def raw(
        cls,
        status: int,
        body: bytes | str,
        *,
        content_type: str = "text/plain",
        headers: Mapping[str, str] | None = None,
    ) -> GitHubFault:
        data = body.encode() if isinstance(body, str) else body
        return cls("respond", status, data, content_type=content_type, headers=tuple((headers or {}).items()))


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the /api/v3 prefix and without the query
    prefix: str  # "" or "/api/v3"
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes
    json: JSONValue
    started: float
    ended: float | None = None
    status: int | None = None  # None when the connection was dropped
    fault: str | None = None


@dataclass
class _Ctx:
    api: str  # e.g. http://127.0.0.1:1234/api/v3
    web: str  # e.g. http://127.0.0.1:1234


@dataclass
class _Req:
    ctx: _Ctx
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    json: JSONValue
    params: dict[str, str]
    token: TokenInfo

    def q(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class _Resp:
    status: int
    payload: JSONValue = None
    text: str | None = None
    content_type: str = "application/json; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)


class _HTTPError(Exception):
    def __init__(self, status: int, payload: JSONValue, headers: list[tuple[str, str]] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.payload = payload
        self.headers = headers or []


def _gh_error_payload(
    status: int,
    message: str,
    *,
    errors: list[Any] | None = None,
    documentation_url: str = "https://docs.github.com/rest",
) -> dict[str, Any]:
    payload: dict[str, Any] = {"message": message}
    if errors is not None:
        payload["errors"] = errors
    payload["documentation_url"] = documentation_url
    payload["status"] = str(status)
    return payload


def _gh_error(status: int, message: str, *, errors: list[Any] | None = None, doc: str | None = None) -> _HTTPError:
    return _HTTPError(
        status,
        _gh_error_payload(status, message, errors=errors, documentation_url=doc or "https://docs.github.com/rest"),
    )


BODY_LIMIT = 65536  # characters GitHub accepts in a comment, review or review comment body
_ISSUE_COMMENT_DOC = "https://docs.github.com/rest/issues/comments#create-an-issue-comment"


def _check_body_length(body: object, resource: str, doc: str) -> None:
    """GitHub's 422 for a body over its limit (counted in characters, as Ruby does)."""
    if isinstance(body, str) and len(body) > BODY_LIMIT:
        raise _gh_error(
            422,
            "Validation Failed",
            errors=[
                {
                    "resource": resource,
                    "code": "custom",
                    "field": "body",
                    "message": f"body is too long (maximum is {BODY_LIMIT} characters)",
                }
            ],
            doc=doc,
        )


def _not_found(doc: str | None = None) -> _HTTPError:
    return _gh_error(404, "Not Found", doc=doc)


def _to_sentence(items: list[str]) -> str:
    """Rails' Array#to_sentence, which GitHub uses to join validation messages."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + f", and {items[-1]}"


def _node_id(kind: str, ident: int) -> str:
    return base64.b64encode(f"{len(kind):03d}:{kind}{ident}".encode()).decode()


def _user_id(login: str) -> int:
    return int(hashlib.sha1(login.lower().encode()).hexdigest()[:7], 16)


_REVIEW_DOC = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
_COMMENT_DOC = "https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request"
_LINE_NOT_IN_DIFF = "Pull request review thread line must be part of the diff"
_START_NOT_IN_HUNK = "Pull request review thread start line must be part of the same hunk as the line."
_START_AFTER_END = "Pull request review thread start line must precede the end line."
_HUNK_BLANK = "Pull request review thread diff hunk can't be blank"
_PATH_INVALID = "Pull request review thread path is invalid"


# --------------------------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------------------------


class FakeGitHub(LoopbackServer):
    """In-memory GitHub REST API on a loopback port.

    >>> with FakeGitHub() as fake:
    ...     fake.add_repo("octo/app")
    ...     fake.add_pull(1, diff=DIFF_TEXT)
    ...     gh = github.Github(base_url=fake.url, auth=github.Auth.Token("t"))

    ``tokens`` maps accepted tokens to who they are (default: ``{"t": TokenInfo()}``, the
    ``github-actions[bot]`` with write access). ``rate_limit`` is the primary core budget;
    once spent, requests get GitHub's 403 "API rate limit exceeded".
    """

    PAGE_CAPS: ClassVar[dict[str, int]] = {"files": 3000, "commits": 250}

    def __init__(
        self,
        *,
        tokens: Mapping[str, TokenInfo | str] | None = None,
        rate_limit: int = 5000,
    ) -> None:
        super().__init__()
        self.tokens: dict[str, TokenInfo] = {}
        for tok, info in (tokens if tokens is not None else {"t": TokenInfo()}).items():
            self.add_token(tok, info if isinstance(info, TokenInfo) else TokenInfo(login=info))
        self.repos: dict[str, FakeRepo] = {}  # lower-cased full name -> repo
        self.rate_limit = rate_limit
        self.rate_used = 0
        self.rate_reset = int(time.time()) + 3600
        self.lock = threading.RLock()
        self.errors: list[str] = []  # tracebacks of bugs inside the fake (500s); tests may assert it is empty
        self._requests: list[RecordedRequest] = []
        self._faults: dict[tuple[str, str], list[GitHubFault]] = {}
        self._persistent_faults: dict[tuple[str, str], GitHubFault] = {}
        self._ids = itertools.count(1000)

    # -- configuration ------------------------------------------------------------------------------------
    @property
    def ghes_url(self) -> str:
        """The GitHub Enterprise Server style base URL: ``<url>/api/v3``."""
        return f"{self.url}/api/v3"

    def next_id(self) -> int:
        with self.lock:
            return next(self._ids)

    def add_token(
        self, token: str, info: TokenInfo | None = None, *, login: str | None = None, read_only: bool = False
    ) -> None:
        self.tokens[token] = info or TokenInfo(login=login or "github-actions[bot]", read_only=read_only)

    def add_repo(
        self,
        full_name: str = "octo/app",
        *,
        default_branch: str = "main",
        private: bool = False,
        collaborators: Mapping[str, str] | None = None,
        labels: Iterable[str | FakeLabel] = (),
    ) -> FakeRepo:
        owner, name = full_name.split("/", 1)
        repo = FakeRepo(owner=owner, name=name, default_branch=default_branch, private=private, id=self.next_id())
        for login, perm in (collaborators or {}).items():
            self.set_collaborator(repo, login, perm)
        for label in labels:
            self.add_label(label, repo=repo)
        with self.lock:
            self.repos[full_name.lower()] = repo
        return repo

    def repo(self, repo: str | FakeRepo | None = None) -> FakeRepo:
        """The named repository, or the first one added."""
        if isinstance(repo, FakeRepo):
            return repo
        if repo is None:
            if not self.repos:
                raise LookupError("no repository configured: call add_repo() first")
            return next(iter(self.repos.values()))
        return self.repos[repo.lower()]

    def set_collaborator(self, repo: str | FakeRepo | None, login: str, permission: str) -> None:
        if permission not in _PERMISSIONS:
            raise ValueError(f"permission must be one of {_PERMISSIONS}")
        r = self.repo(repo)
        if permission == "none":
            r.collaborators.pop(login, None)
        else:
            r.collaborators[login] = permission

    def add_label(
        self,
        label: str | FakeLabel,
        *,
        repo: str | FakeRepo | None = None,
        color: str = "ededed",
        description: str | None = None,
    ) -> FakeLabel:
        lab = label if isinstance(label, FakeLabel) else FakeLabel(name=label, color=color, description=description)
        if not lab.id:
            lab.id = self.next_id()
        self.repo(repo).labels[lab.name.lower()] = lab
        return lab

    def add_pull(
        self,
        number: int = 1,
        *,
        repo: str | FakeRepo | None = None,
        diff: str | None = None,
        files: Iterable[FakeFile] = (),
        commits: Iterable[FakeCommit | str] = (),
        labels: Iterable[str] = (),
        **attrs: Any,
    ) -> FakePullRequest:
        """Add a PR. Describe its changes by ``diff`` (unified diff text) and/or ``files``.

        ``commits`` may be messages (shas are generated) or :class:`FakeCommit`. Other keyword
        arguments set :class:`FakePullRequest` fields (title, body, user, head_ref, head_sha, ...).
        """
        r = self.repo(repo)
        pr = FakePullRequest(number=number, id=self.next_id(), **attrs)
        if diff is not None:
            pr.files.extend(files_from_diff(diff))
        pr.files.extend(files)
        for i, c in enumerate(commits):
            pr.commits.append(c if isinstance(c, FakeCommit) else FakeCommit(_fake_sha(r.full_name, number, i, c), c))
        if not pr.commits:
            pr.commits.append(
                FakeCommit(pr.head_sha or _fake_sha(r.full_name, number, "head"), pr.title, author=pr.user)
            )
        if not pr.head_sha:
            pr.head_sha = pr.commits[-1].sha
        if not pr.base_sha:
            pr.base_sha = r.branches.get(pr.base_ref) or _fake_sha(r.full_name, pr.base_ref)
        r.branches.setdefault(pr.base_ref, pr.base_sha)
        if pr.head_repo is None:
            r.branches[pr.head_ref] = pr.head_sha
        for name in labels:
            lab = r.label(name) or self.add_label(name, repo=r)
            pr.labels.append(lab.name)
        with self.lock:
            r.pulls[number] = pr
        return pr

    def pull(self, number: int, repo: str | FakeRepo | None = None) -> FakePullRequest:
        return self.repo(repo).pulls[number]

    def set_contents(
        self,
        ref: str,
        files: Mapping[str, bytes | str],
        *,
        symlinks: Mapping[str, str] | None = None,
        repo: str | FakeRepo | None = None,
    ) -> None:
        """Files of the tree at commit ``ref`` (a sha, or a branch name that is then mapped to a sha);
        ``symlinks`` maps a path to its link target text."""
        r = self.repo(repo)
        sha = ref if re.fullmatch(r"[0-9a-f]{40}", ref) else r.branches.setdefault(ref, _fake_sha(r.full_name, ref))
        tree = r.contents.setdefault(sha, {})
        for path, data in files.items():
            tree[path.strip("/")] = data.encode() if isinstance(data, str) else data
        r.symlinks.setdefault(sha, {}).update({path.strip("/"): target for path, target in (symlinks or {}).items()})

    def add_review_comment(
        self,
        pr: int,
        *,
        path: str,
        line: int,
        body: str,
        user: str = "octocat",
        side: str = "RIGHT",
        repo: str | FakeRepo | None = None,
        in_reply_to_id: int | None = None,
    ) -> dict[str, Any]:
        """Seed an existing review comment (validated against the diff like the API would)."""
        r = self.repo(repo)
        p = r.pulls[pr]
        payload = {"body": body, "path": path, "line": line, "side": side, "commit_id": p.head_sha}
        with self.lock:
            if in_reply_to_id is not None:
                rec = self._reply(p, in_reply_to_id, body, user)
            else:
                review = self._new_review(p, user, "", "COMMENTED", p.head_sha)
                rec = self._build_comment(p, payload, user, review.id, p.head_sha, single=True)
                p.reviews.append(review)
                p.review_comments.append(rec)
        return self._render_review_comment(self._root_ctx(), r, p, rec)

    def add_issue_comment(
        self, pr: int, body: str, *, user: str = "octocat", repo: str | FakeRepo | None = None
    ) -> dict[str, Any]:
        r = self.repo(repo)
        p = r.pulls[pr]
        rec = IssueCommentRecord(id=self.next_id(), user=user, body=body)
        with self.lock:
            p.issue_comments.append(rec)
        return self._render_issue_comment(self._root_ctx(), r, p, rec)

    # -- fault injection ----------------------------------------------------------------------------------
    def inject(self, method: str, path_pattern: str, *faults: GitHubFault, times: int | None = 1) -> None:
        """Queue ``faults`` (each repeated ``times``) for requests whose method is ``method``
        (``"*"`` = any) and whose path, without ``/api/v3`` and query, ``re.fullmatch``-es
        ``path_pattern``. Each matching request consumes one fault; then normal service resumes.
        ``times=None`` makes one fault persistent: every matching request gets it until
        ``clear_faults()`` (an outage rather than a blip)."""
        with self.lock:
            if times is None:
                (fault,) = faults
                self._persistent_faults[(method.upper(), path_pattern)] = fault
                return
            queue = self._faults.setdefault((method.upper(), path_pattern), [])
            for f in faults:
                queue.extend([f] * times)

    def fail(
        self, method: str, path_pattern: str, status: int = 502, *, times: int | None = 1, html: bool | None = None
    ) -> None:
        self.inject(method, path_pattern, GitHubFault.server_error(status, html=html), times=times)

    def secondary_rate_limit(
        self, method: str, path_pattern: str, *, times: int = 1, retry_after: int | None = 1
    ) -> None:
        self.inject(method, path_pattern, GitHubFault.secondary_rate_limit(retry_after), times=times)

    def primary_rate_limit(
        self, method: str, path_pattern: str, *, times: int = 1, status: Literal[403, 429] = 403, reset_in: float = 1.0
    ) -> None:
        self.inject(method, path_pattern, GitHubFault.primary_rate_limit(status, reset_in=reset_in), times=times)

    def lose_response(self, method: str, path_pattern: str, *, times: int = 1) -> None:
        self.inject(method, path_pattern, GitHubFault.lose_response(), times=times)

    def before(self, method: str, path_pattern: str, action: Callable[[], object], *, times: int = 1) -> None:
        """Run ``action`` when a matching request arrives, before it is answered (as if something
        happened on GitHub just then, e.g. the author pushed while the review was being posted)."""
        self.inject(method, path_pattern, GitHubFault.call(action), times=times)

    def pending_faults(self) -> int:
        with self.lock:
            return sum(len(q) for q in self._faults.values())

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()
            self._persistent_faults.clear()

    def _pop_fault(self, method: str, path: str) -> GitHubFault | None:
        with self.lock:
            for (m, pattern), queue in self._faults.items():
                if queue and m in ("*", method) and re.fullmatch(pattern, path):
                    return queue.pop(0)
            for (m, pattern), fault in self._persistent_faults.items():
                if m in ("*", method) and re.fullmatch(pattern, path):
                    return fault
        return None

    # -- recording ----------------------------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        with self.lock:
            return list(self._requests)

    def requests_matching(self, method: str = "*", path_regex: str = ".*") -> list[RecordedRequest]:
        """Recorded requests whose method matches (``"*"`` = any) and path ``re.fullmatch``-es."""
        return [r for r in self.requests if method.upper() in ("*", r.method) and re.fullmatch(path_regex, r.path)]

    def clear_requests(self) -> None:
        with self.lock:
            self._requests.clear()

    def _root_ctx(self) -> _Ctx:
        base = self.url if self._httpd is not None else "http://127.0.0.1"
        return _Ctx(api=base, web=base)

    def reviews(self, pr: int, repo: str | FakeRepo | None = None) -> list[dict[str, Any]]:
        r = self.repo(repo)
        p = r.pulls[pr]
        with self.lock:
            return [self._render_review(self._root_ctx(), r, p, x) for x in p.reviews]

    def review_comments(self, pr: int, repo: str | FakeRepo | None = None) -> list[dict[str, Any]]:
        r = self.repo(repo)
        p = r.pulls[pr]
        with self.lock:
            return [self._render_review_comment(self._root_ctx(), r, p, x) for x in p.review_comments]

    def issue_comments(self, pr: int, repo: str | FakeRepo | None = None) -> list[dict[str, Any]]:
        r = self.repo(repo)
        p = r.pulls[pr]
        with self.lock:
            return [self._render_issue_comment(self._root_ctx(), r, p, x) for x in p.issue_comments]

    def labels(self, pr: int, repo: str | FakeRepo | None = None) -> list[str]:
        with self.lock:
            return list(self.repo(repo).pulls[pr].labels)

    def requested_reviewers(self, pr: int, repo: str | FakeRepo | None = None) -> list[str]:
        with self.lock:
            return list(self.repo(repo).pulls[pr].requested_reviewers)

    # -- HTTP plumbing ------------------------------------------------------------------------------------
    def _serve(self, handler: _Handler) -> None:
        started = time.monotonic()
        split = urllib.parse.urlsplit(handler.path)
        path = split.path or "/"
        prefix = ""
        if path == "/api/v3" or path.startswith("/api/v3/"):
            prefix, path = "/api/v3", path[len("/api/v3") :] or "/"
        if len(path) > 1:
            path = path.rstrip("/")
        query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
        body = handler.read_body()
        headers = {k.lower(): v for k, v in handler.headers.items()}
        parsed: JSONValue = None
        if body:
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = None
        method = handler.command.upper()
        record = RecordedRequest(method, path, prefix, query, headers, body, parsed, started=started)
        with self.lock:
            self._requests.append(record)
        host = headers.get("host") or f"127.0.0.1:{self.port}"
        ctx = _Ctx(api=f"http://{host}{prefix}", web=f"http://{host}")

        fault = self._pop_fault(method, path)
        if fault is not None:
            record.fault = fault.kind
        if fault is not None and fault.kind == "delay":
            self.stopping.wait(fault.seconds)
        if fault is not None and fault.kind == "call" and fault.action is not None:
            fault.action()
        if fault is not None and fault.kind == "drop":
            record.ended = time.monotonic()
            handler.drop()
            return
        if fault is not None and fault.kind == "respond":
            status, out, extra = fault.status, fault.body, [("Content-Type", fault.content_type), *fault.headers]
            if fault.reset_in is not None:
                extra += [
                    ("X-RateLimit-Remaining", "0"),
                    ("X-RateLimit-Used", str(self.rate_limit)),
                    ("X-RateLimit-Reset", str(int(time.time() + fault.reset_in))),
                ]
        else:
            resp = self._handle(ctx, method, path, query, headers, parsed, body)
            status = resp.status
            if resp.text is not None:
                out = resp.text.encode()
            elif status == 204:
                out = b""
            else:
                out = _dumps(resp.payload)
            extra = [("Content-Type", resp.content_type), *resp.headers] if status != 204 else list(resp.headers)
        if fault is not None and fault.kind == "lose_response":
            record.ended = time.monotonic()
            handler.drop()
            return
        record.status = status
        record.ended = time.monotonic()
        handler.send(status, out, self._merge_headers(extra, counted=path != "/rate_limit"))

    def _merge_headers(self, extra: list[tuple[str, str]], *, counted: bool) -> list[tuple[str, str]]:
        with self.lock:
            used = self.rate_used
        base = {
            "x-github-api-version-selected": ("X-GitHub-Api-Version-Selected", "2022-11-28"),
            "x-github-media-type": ("X-GitHub-Media-Type", "github.v3; format=json"),
            "x-github-request-id": ("X-GitHub-Request-Id", uuid.uuid4().hex[:20].upper()),
            "x-ratelimit-limit": ("X-RateLimit-Limit", str(self.rate_limit)),
            "x-ratelimit-remaining": ("X-RateLimit-Remaining", str(max(self.rate_limit - used, 0))),
            "x-ratelimit-reset": ("X-RateLimit-Reset", str(self.rate_reset)),
            "x-ratelimit-used": ("X-RateLimit-Used", str(used)),
            "x-ratelimit-resource": ("X-RateLimit-Resource", "core"),
        }
        if not counted:
            for key in [k for k in base if k.startswith("x-ratelimit")]:
                del base[key]
        for name, value in extra:
            base[name.lower()] = (name, value)
        return list(base.values())

    def _handle(
        self,
        ctx: _Ctx,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        parsed: JSONValue,
        body: bytes,
    ) -> _Resp:
        try:
            token = self._authenticate(headers)
            counted = path != "/rate_limit"
            with self.lock:
                if counted:
                    self.rate_used += 1
                    if self.rate_used > self.rate_limit:
                        raise _HTTPError(
                            403,
                            _gh_error_payload(
                                403,
                                f"API rate limit exceeded for user ID {_user_id(token.login)}.",
                                documentation_url="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                            ),
                        )
                for route_method, pattern, name in _ROUTES:
                    m = pattern.fullmatch(path)
                    if m is None or route_method != method:
                        continue
                    if method != "GET" and token.read_only:
                        raise _gh_error(403, "Resource not accessible by integration")
                    if body and parsed is None:
                        raise _gh_error(400, "Problems parsing JSON")
                    params = {k: urllib.parse.unquote(v) for k, v in m.groupdict().items() if v is not None}
                    req = _Req(ctx, method, path, query, headers, parsed, params, token)
                    handler_fn = getattr(self, name)
                    result: _Resp = handler_fn(req)
                    return result
                raise _not_found()
        except _HTTPError as err:
            return _Resp(err.status, err.payload, headers=err.headers)
        except Exception:
            self.errors.append(traceback.format_exc())
            return _Resp(500, _gh_error_payload(500, "Server Error (bug in FakeGitHub, see fake.errors)"))

    def _authenticate(self, headers: Mapping[str, str]) -> TokenInfo:
        auth = headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        info = self.tokens.get(token.strip()) if scheme.lower() in ("token", "bearer") else None
        if info is None:
            raise _HTTPError(
                401,
                {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"},
            )
        return info

    # -- lookup helpers -----------------------------------------------------------------------------------
    def _repo_of(self, req: _Req) -> FakeRepo:
        r = self.repos.get(f"{req.params['owner']}/{req.params['repo']}".lower())
        bot = req.token.login.endswith("[bot]")  # an installation token is scoped to the repository
        if r is None or (r.private and not bot and r.permission_of(req.token.login) == "none"):
            raise _not_found()
        return r

    def _pull_of(self, req: _Req) -> tuple[FakeRepo, FakePullRequest]:
        r = self._repo_of(req)
        p = r.pulls.get(int(req.params["number"]))
        if p is None:
            raise _not_found()
        return r, p

    def _paginate(self, req: _Req, items: list[Any], *, cap: int | None = None) -> _Resp:
        if cap is not None:
            items = items[:cap]
        try:
            per_page = max(1, min(100, int(req.q("per_page", "30") or 30)))
        except ValueError:
            per_page = 30
        try:
            page = max(1, int(req.q("page", "1") or 1))
        except ValueError:
            page = 1
        last = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        links: list[str] = []

        def link(n: int, rel: str) -> str:
            params = [(k, v) for k, vs in req.query.items() if k != "page" for v in vs] + [("page", str(n))]
            return f'<{req.ctx.api}{req.path}?{urllib.parse.urlencode(params)}>; rel="{rel}"'

        if page > 1:
            links.append(link(min(page - 1, last), "prev"))
        if page < last:
            links += [link(page + 1, "next"), link(last, "last")]
        if page > 1:
            links.append(link(1, "first"))
        return _Resp(200, chunk, headers=[("Link", ", ".join(links))] if links else [])

    # -- renderers ----------------------------------------------------------------------------------------
    def _user(self, ctx: _Ctx, login: str) -> dict[str, Any]:
        uid = _user_id(login)
        api = f"{ctx.api}/users/{login}"
        bot = login.endswith("[bot]")
        return {
            "login": login,
            "id": uid,
            "node_id": _node_id("Bot" if bot else "User", uid),
            "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
            "gravatar_id": "",
            "url": api,
            "html_url": f"{ctx.web}/{'apps/' + login[:-5] if bot else login}",
            "followers_url": f"{api}/followers",
            "following_url": f"{api}/following{{/other_user}}",
            "gists_url": f"{api}/gists{{/gist_id}}",
            "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{api}/subscriptions",
            "organizations_url": f"{api}/orgs",
            "repos_url": f"{api}/repos",
            "events_url": f"{api}/events{{/privacy}}",
            "received_events_url": f"{api}/received_events",
            "type": "Bot" if bot else "User",
            "user_view_type": "public",
            "site_admin": False,
        }

    def _association(self, repo: FakeRepo, login: str, pr: FakePullRequest | None = None) -> str:
        if login.lower() == repo.owner.lower():
            return "OWNER"
        if any(u.lower() == login.lower() for u in repo.collaborators):
            return "COLLABORATOR"
        if pr is not None and pr.user.lower() == login.lower():
            return "CONTRIBUTOR"
        return "NONE"

    def _render_repo(self, ctx: _Ctx, repo: FakeRepo, token: TokenInfo | None = None) -> dict[str, Any]:
        full = repo.full_name
        url = f"{ctx.api}/repos/{full}"
        html = f"{ctx.web}/{full}"
        perm = repo.permission_of(token.login) if token else "read"
        if token is not None and token.login.endswith("[bot]"):
            perm = "read" if token.read_only else "write"
        level = _PERMISSIONS.index(perm)
        d: dict[str, Any] = {
            "id": repo.id,
            "node_id": _node_id("Repository", repo.id),
            "name": repo.name,
            "full_name": full,
            "private": repo.private,
            "owner": self._user(ctx, repo.owner),
            "html_url": html,
            "description": None,
            "fork": repo.fork,
            "url": url,
        }
        for key in (
            "forks", "keys", "collaborators", "teams", "hooks", "issue_events", "events", "assignees", "branches",
            "tags", "blobs", "git_tags", "git_refs", "trees", "statuses", "languages", "stargazers", "contributors",
            "subscribers", "subscription", "commits", "git_commits", "comments", "issue_comment", "contents",
            "compare", "merges", "archive", "downloads", "issues", "pulls", "milestones", "notifications",
            "labels", "releases", "deployments",
        ):  # fmt: skip
            d[f"{key}_url"] = f"{url}/{key}"
        d.update(
            {
                "pulls_url": f"{url}/pulls{{/number}}",
                "issues_url": f"{url}/issues{{/number}}",
                "labels_url": f"{url}/labels{{/name}}",
                "contents_url": f"{url}/contents/{{+path}}",
                "collaborators_url": f"{url}/collaborators{{/collaborator}}",
                "commits_url": f"{url}/commits{{/sha}}",
                "issue_comment_url": f"{url}/issues/comments{{/number}}",
                "statuses_url": f"{url}/statuses/{{sha}}",
                "created_at": "2020-01-01T00:00:00Z",
                "updated_at": _now_iso(),
                "pushed_at": _now_iso(),
                "git_url": f"git://{ctx.web.split('://', 1)[1]}/{full}.git",
                "ssh_url": f"git@{ctx.web.split('://', 1)[1].split(':')[0]}:{full}.git",
                "clone_url": f"{html}.git",
                "svn_url": html,
                "homepage": None,
                "size": 1,
                "stargazers_count": 0,
                "watchers_count": 0,
                "language": "Python",
                "has_issues": True,
                "has_projects": True,
                "has_downloads": True,
                "has_wiki": True,
                "has_pages": False,
                "has_discussions": False,
                "forks_count": 0,
                "mirror_url": None,
                "archived": False,
                "disabled": False,
                "open_issues_count": sum(1 for p in repo.pulls.values() if p.state == "open"),
                "license": None,
                "allow_forking": True,
                "is_template": False,
                "web_commit_signoff_required": False,
                "topics": [],
                "visibility": "private" if repo.private else "public",
                "forks": 0,
                "open_issues": sum(1 for p in repo.pulls.values() if p.state == "open"),
                "watchers": 0,
                "default_branch": repo.default_branch,
                "permissions": {
                    "admin": level >= _PERMISSIONS.index("admin"),
                    "maintain": level >= _PERMISSIONS.index("maintain"),
                    "push": level >= _PERMISSIONS.index("write"),
                    "triage": level >= _PERMISSIONS.index("triage"),
                    "pull": level >= _PERMISSIONS.index("read"),
                },
            }
        )
        return d

    def _render_label(self, ctx: _Ctx, repo: FakeRepo, name: str) -> dict[str, Any]:
        lab = repo.label(name) or FakeLabel(name=name)
        return {
            "id": lab.id,
            "node_id": _node_id("Label", lab.id),
            "url": f"{ctx.api}/repos/{repo.full_name}/labels/{urllib.parse.quote(lab.name, safe='')}",
            "name": lab.name,
            "color": lab.color,
            "default": False,
            "description": lab.description,
        }

    def _head_repo(self, repo: FakeRepo, pr: FakePullRequest) -> FakeRepo:
        if pr.head_repo is None:
            return repo
        found = self.repos.get(pr.head_repo.lower())
        if found is not None:
            return found
        owner, name = pr.head_repo.split("/", 1)
        return FakeRepo(owner=owner, name=name, fork=True, id=_user_id(pr.head_repo))

    def _render_pull(
        self, ctx: _Ctx, repo: FakeRepo, pr: FakePullRequest, token: TokenInfo | None = None
    ) -> dict[str, Any]:
        full = repo.full_name
        url = f"{ctx.api}/repos/{full}/pulls/{pr.number}"
        html = f"{ctx.web}/{full}/pull/{pr.number}"
        issue_url = f"{ctx.api}/repos/{full}/issues/{pr.number}"
        head_repo = self._head_repo(repo, pr)

        def side(r: FakeRepo, ref: str, sha: str) -> dict[str, Any]:
            return {
                "label": f"{r.owner}:{ref}",
                "ref": ref,
                "sha": sha,
                "user": self._user(ctx, r.owner),
                "repo": self._render_repo(ctx, r, token),
            }

        return {
            "url": url,
            "id": pr.id,
            "node_id": _node_id("PullRequest", pr.id),
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "issue_url": issue_url,
            "number": pr.number,
            "state": pr.state,
            "locked": False,
            "title": pr.title,
            "user": self._user(ctx, pr.user),
            "body": pr.body,
            "created_at": pr.created_at,
            "updated_at": pr.updated_at,
            "closed_at": None if pr.state == "open" else pr.updated_at,
            "merged_at": pr.updated_at if pr.merged else None,
            "merge_commit_sha": _fake_sha("merge", full, pr.number, pr.head_sha),
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [self._user(ctx, u) for u in pr.requested_reviewers],
            "requested_teams": [],
            "labels": [self._render_label(ctx, repo, n) for n in pr.labels],
            "milestone": None,
            "draft": pr.draft,
            "commits_url": f"{url}/commits",
            "review_comments_url": f"{url}/comments",
            "review_comment_url": f"{ctx.api}/repos/{full}/pulls/comments{{/number}}",
            "comments_url": f"{issue_url}/comments",
            "statuses_url": f"{ctx.api}/repos/{full}/statuses/{pr.head_sha}",
            "head": side(head_repo, pr.head_ref, pr.head_sha),
            "base": side(repo, pr.base_ref, pr.base_sha),
            "_links": {
                "self": {"href": url},
                "html": {"href": html},
                "issue": {"href": issue_url},
                "comments": {"href": f"{issue_url}/comments"},
                "review_comments": {"href": f"{url}/comments"},
                "review_comment": {"href": f"{ctx.api}/repos/{full}/pulls/comments{{/number}}"},
                "commits": {"href": f"{url}/commits"},
                "statuses": {"href": f"{ctx.api}/repos/{full}/statuses/{pr.head_sha}"},
            },
            "author_association": self._association(repo, pr.user),
            "auto_merge": None,
            "active_lock_reason": None,
            "merged": pr.merged,
            "mergeable": True,
            "rebaseable": True,
            "mergeable_state": "clean",
            "merged_by": None,
            "comments": len(pr.issue_comments),
            "review_comments": len(pr.review_comments),
            "maintainer_can_modify": pr.head_repo is not None,
            "commits": len(pr.commits),
            "additions": sum(f.additions or 0 for f in pr.files),
            "deletions": sum(f.deletions or 0 for f in pr.files),
            "changed_files": len(pr.files),
        }

    def _render_file(self, ctx: _Ctx, repo: FakeRepo, pr: FakePullRequest, f: FakeFile) -> dict[str, Any]:
        full = repo.full_name
        quoted = urllib.parse.quote(f.filename)
        d: dict[str, Any] = {
            "sha": f.sha,
            "filename": f.filename,
            "status": f.status,
            "additions": f.additions,
            "deletions": f.deletions,
            "changes": f.changes,
            "blob_url": f"{ctx.web}/{full}/blob/{pr.head_sha}/{quoted}",
            "raw_url": f"{ctx.web}/{full}/raw/{pr.head_sha}/{quoted}",
            "contents_url": f"{ctx.api}/repos/{full}/contents/{quoted}?ref={pr.head_sha}",
        }
        if f.patch is not None and not f.omit_patch:
            d["patch"] = f.patch
        if f.previous_filename is not None:
            d["previous_filename"] = f.previous_filename
        return d

    def _render_commit(self, ctx: _Ctx, repo: FakeRepo, pr: FakePullRequest, i: int) -> dict[str, Any]:
        c = pr.commits[i]
        full = repo.full_name
        parent = pr.commits[i - 1].sha if i > 0 else pr.base_sha
        person = {"name": c.author_name, "email": c.author_email, "date": c.date}
        return {
            "sha": c.sha,
            "node_id": _node_id("Commit", _user_id(c.sha)),
            "commit": {
                "author": person,
                "committer": person,
                "message": c.message,
                "tree": {
                    "sha": _fake_sha("tree", c.sha),
                    "url": f"{ctx.api}/repos/{full}/git/trees/{_fake_sha('tree', c.sha)}",
                },
                "url": f"{ctx.api}/repos/{full}/git/commits/{c.sha}",
                "comment_count": 0,
                "verification": {
                    "verified": False,
                    "reason": "unsigned",
                    "signature": None,
                    "payload": None,
                    "verified_at": None,
                },
            },
            "url": f"{ctx.api}/repos/{full}/commits/{c.sha}",
            "html_url": f"{ctx.web}/{full}/commit/{c.sha}",
            "comments_url": f"{ctx.api}/repos/{full}/commits/{c.sha}/comments",
            "author": self._user(ctx, c.author) if c.author else None,
            "committer": self._user(ctx, c.author) if c.author else None,
            "parents": [
                {
                    "sha": parent,
                    "url": f"{ctx.api}/repos/{full}/commits/{parent}",
                    "html_url": f"{ctx.web}/{full}/commit/{parent}",
                }
            ],
        }

    @staticmethod
    def _reactions(url: str) -> dict[str, Any]:
        return {
            "url": f"{url}/reactions",
            "total_count": 0,
            "+1": 0,
            "-1": 0,
            "laugh": 0,
            "hooray": 0,
            "confused": 0,
            "heart": 0,
            "rocket": 0,
            "eyes": 0,
        }

    def _render_review_comment(
        self, ctx: _Ctx, repo: FakeRepo, pr: FakePullRequest, c: ReviewCommentRecord
    ) -> dict[str, Any]:
        full = repo.full_name
        url = f"{ctx.api}/repos/{full}/pulls/comments/{c.id}"
        html = f"{ctx.web}/{full}/pull/{pr.number}#discussion_r{c.id}"
        pr_url = f"{ctx.api}/repos/{full}/pulls/{pr.number}"
        d: dict[str, Any] = {
            "url": url,
            "pull_request_review_id": c.review_id,
            "id": c.id,
            "node_id": _node_id("PullRequestReviewComment", c.id),
            "diff_hunk": c.diff_hunk,
            "path": c.path,
            "position": c.position,
            "original_position": c.position,
            "commit_id": c.commit_id,
            "original_commit_id": c.original_commit_id,
            "user": self._user(ctx, c.user),
            "body": c.body,
            "created_at": c.created_at,
            "updated_at": c.updated_at,
            "html_url": html,
            "pull_request_url": pr_url,
            "author_association": self._association(repo, c.user, pr),
            "_links": {"self": {"href": url}, "html": {"href": html}, "pull_request": {"href": pr_url}},
            "reactions": self._reactions(url),
            "start_line": c.start_line,
            "original_start_line": c.start_line,
            "start_side": c.start_side,
            "line": c.line,
            "original_line": c.line,
            "side": c.side,
            "subject_type": c.subject_type,
        }
        if c.in_reply_to_id is not None:
            d["in_reply_to_id"] = c.in_reply_to_id
        return d

    def _render_review(self, ctx: _Ctx, repo: FakeRepo, pr: FakePullRequest, r: ReviewRecord) -> dict[str, Any]:
        full = repo.full_name
        html = f"{ctx.web}/{full}/pull/{pr.number}#pullrequestreview-{r.id}"
        pr_url = f"{ctx.api}/repos/{full}/pulls/{pr.number}"
        d: dict[str, Any] = {
            "id": r.id,
            "node_id": _node_id("PullRequestReview", r.id),
            "user": self._user(ctx, r.user),
            "body": r.body,
            "state": r.state,
            "html_url": html,
            "pull_request_url": pr_url,
            "author_association": self._association(repo, r.user, pr),
            "_links": {"html": {"href": html}, "pull_request": {"href": pr_url}},
            "commit_id": r.commit_id,
        }
        if r.submitted_at is not None:
            d["submitted_at"] = r.submitted_at
        return d

    def _render_issue_comment(
        self, ctx: _Ctx, repo: FakeRepo, pr: FakePullRequest, c: IssueCommentRecord
    ) -> dict[str, Any]:
        full = repo.full_name
        url = f"{ctx.api}/repos/{full}/issues/comments/{c.id}"
        return {
            "url": url,
            "html_url": f"{ctx.web}/{full}/pull/{pr.number}#issuecomment-{c.id}",
            "issue_url": f"{ctx.api}/repos/{full}/issues/{pr.number}",
            "id": c.id,
            "node_id": _node_id("IssueComment", c.id),
            "user": self._user(ctx, c.user),
            "created_at": c.created_at,
            "updated_at": c.updated_at,
            "author_association": self._association(repo, c.user, pr),
            "body": c.body,
            "reactions": self._reactions(url),
            "performed_via_github_app": None,
        }

    # -- review logic -------------------------------------------------------------------------------------
    def _new_review(self, pr: FakePullRequest, user: str, body: str, state: str, commit_id: str) -> ReviewRecord:
        return ReviewRecord(
            id=self.next_id(),
            user=user,
            body=body,
            state=state,
            commit_id=commit_id,
            submitted_at=None if state == "PENDING" else _now_iso(),
        )

    @staticmethod
    def _thread_errors(pr: FakePullRequest, c: Mapping[str, Any]) -> tuple[list[str], PatchMap | None, DiffLine | None]:
        """Validate one review thread; returns (messages, patch map, anchor line)."""
        path = c.get("path")
        f = pr.file(path) if isinstance(path, str) else None
        if f is None:
            return [_PATH_INVALID, _HUNK_BLANK], None, None
        if c.get("subject_type") == "file":
            return [], None, None
        if f.patch is None:
            return [_LINE_NOT_IN_DIFF, _HUNK_BLANK], None, None
        pm = parse_patch(f.patch)
        errors: list[str] = []
        anchor: DiffLine | None = None
        line, position = c.get("line"), c.get("position")
        if isinstance(line, int):
            side = str(c.get("side") or "RIGHT").upper()
            anchor = pm.find(line, side)
        elif isinstance(position, int):
            anchor = pm.by_position.get(position)
        if anchor is None:
            errors.append(_LINE_NOT_IN_DIFF)
        start_line = c.get("start_line")
        if isinstance(start_line, int):
            start_side = str(c.get("start_side") or c.get("side") or "RIGHT").upper()
            start = pm.find(start_line, start_side)
            if isinstance(line, int) and start_line >= line and start_side == str(c.get("side") or "RIGHT").upper():
                errors.append(_START_AFTER_END)
            elif start is None or anchor is None or start.hunk != anchor.hunk:
                errors.append(_START_NOT_IN_HUNK)
        if anchor is None:
            errors.append(_HUNK_BLANK)
        return errors, pm, anchor

    def _build_comment(
        self,
        pr: FakePullRequest,
        c: Mapping[str, Any],
        user: str,
        review_id: int,
        commit_id: str,
        *,
        single: bool,
    ) -> ReviewCommentRecord:
        errors, pm, anchor = self._thread_errors(pr, c)
        if errors:
            if single:
                raise self._single_comment_error(errors)
            raise _gh_error(422, "Unprocessable Entity", errors=[_to_sentence(errors)], doc=_REVIEW_DOC)
        is_file = c.get("subject_type") == "file"
        side = None if is_file else str(c.get("side") or ("LEFT" if anchor and anchor.kind == "-" else "RIGHT")).upper()
        line = None
        if anchor is not None:
            line = anchor.old if side == "LEFT" else anchor.new
        start_line = c.get("start_line") if isinstance(c.get("start_line"), int) else None
        return ReviewCommentRecord(
            id=self.next_id(),
            review_id=review_id,
            path=str(c["path"]),
            body=str(c.get("body") or ""),
            user=user,
            commit_id=commit_id,
            original_commit_id=commit_id,
            line=line,
            side=side,
            start_line=start_line,
            start_side=str(c.get("start_side") or side).upper() if start_line is not None else None,
            position=anchor.position if anchor is not None else None,
            diff_hunk=pm.diff_hunk(anchor.position) if pm is not None and anchor is not None else "",
            subject_type="file" if is_file else "line",
        )

    @staticmethod
    def _single_comment_error(errors: list[str]) -> _HTTPError:
        details: list[dict[str, str]] = []
        for msg in errors:
            if msg == _HUNK_BLANK:
                details.append(
                    {
                        "resource": "PullRequestReviewComment",
                        "code": "missing_field",
                        "field": "pull_request_review_thread.diff_hunk",
                    }
                )
                continue
            fld = {
                _LINE_NOT_IN_DIFF: "line",
                _START_NOT_IN_HUNK: "start_line",
                _START_AFTER_END: "start_line",
                _PATH_INVALID: "path",
            }[msg]
            text = "pull_request_review_thread." + msg[len("Pull request review thread ") :]
            details.append(
                {
                    "resource": "PullRequestReviewComment",
                    "code": "custom",
                    "field": f"pull_request_review_thread.{fld}",
                    "message": text,
                }
            )
        return _gh_error(422, "Validation Failed", errors=details, doc=_COMMENT_DOC)

    def _check_commit(self, pr: FakePullRequest, commit_id: object) -> str:
        if commit_id is None:
            return pr.head_sha
        known = {pr.head_sha, *(c.sha for c in pr.commits)}
        if not isinstance(commit_id, str) or commit_id not in known:
            raise _gh_error(
                422, "Unprocessable Entity", errors=[f"No commit found for SHA: {commit_id}"], doc=_REVIEW_DOC
            )
        return commit_id

    def _reply(self, pr: FakePullRequest, comment_id: int, body: str, user: str) -> ReviewCommentRecord:
        parent = next((c for c in pr.review_comments if c.id == comment_id), None)
        if parent is None:
            raise _not_found("https://docs.github.com/rest/pulls/comments#create-a-reply-for-a-review-comment")
        root_id = parent.in_reply_to_id or parent.id
        review = self._new_review(pr, user, "", "COMMENTED", parent.commit_id)
        pr.reviews.append(review)
        rec = ReviewCommentRecord(
            id=self.next_id(),
            review_id=review.id,
            path=parent.path,
            body=body,
            user=user,
            commit_id=parent.commit_id,
            original_commit_id=parent.original_commit_id,
            line=parent.line,
            side=parent.side,
            start_line=parent.start_line,
            start_side=parent.start_side,
            position=parent.position,
            diff_hunk=parent.diff_hunk,
            subject_type=parent.subject_type,
            in_reply_to_id=root_id,
        )
        pr.review_comments.append(rec)
        return rec

    # -- route handlers -----------------------------------------------------------------------------------
    def _h_rate_limit(self, req: _Req) -> _Resp:
        core = {
            "limit": self.rate_limit,
            "used": self.rate_used,
            "remaining": max(self.rate_limit - self.rate_used, 0),
            "reset": self.rate_reset,
        }

        def bucket(limit: int) -> dict[str, int]:
            return {"limit": limit, "used": 0, "remaining": limit, "reset": self.rate_reset}

        return _Resp(
            200,
            {
                "resources": {
                    "core": core,
                    "search": bucket(30),
                    "graphql": bucket(5000),
                    "integration_manifest": bucket(5000),
                    "source_import": bucket(100),
                    "code_scanning_upload": bucket(1000),
                    "actions_runner_registration": bucket(10000),
                    "scim": bucket(15000),
                    "dependency_snapshots": bucket(100),
                    "code_search": bucket(10),
                },
                "rate": core,
            },
        )

    def _h_user(self, req: _Req) -> _Resp:
        if req.token.login.endswith("[bot]"):
            raise _gh_error(
                403, "Resource not accessible by integration", doc="https://docs.github.com/rest/users/users"
            )
        return _Resp(200, self._user(req.ctx, req.token.login))

    def _h_repo(self, req: _Req) -> _Resp:
        return _Resp(200, self._render_repo(req.ctx, self._repo_of(req), req.token))

    def _h_list_pulls(self, req: _Req) -> _Resp:
        r = self._repo_of(req)
        state = req.q("state", "open")
        pulls = [p for p in sorted(r.pulls.values(), key=lambda p: -p.number) if state == "all" or p.state == state]
        head = req.q("head") or ""
        if ":" in head:  # the documented `user:ref-name` form: the head repository's owner and branch
            owner, _, ref = head.partition(":")
            pulls = [p for p in pulls if p.head_ref == ref and self._head_repo(r, p).owner.lower() == owner.lower()]
        return self._paginate(req, [self._render_pull(req.ctx, r, p, req.token) for p in pulls])

    def _h_pull(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        accept = req.headers.get("accept", "")
        if "diff" in accept or "patch" in accept:
            text = p.diff_text()
            if p.diff_too_large or len(p.files) > 300:
                raise _gh_error(
                    406,
                    "Sorry, the diff exceeded the maximum number of files (300). Consider using "
                    "'List pull requests files' API or locally cloning the repository instead.",
                    errors=[{"resource": "PullRequest", "field": "diff", "code": "too_large"}],
                    doc="https://docs.github.com/rest/pulls/pulls#list-pull-requests-files",
                )
            if text.count("\n") > 20000:
                raise _gh_error(
                    406,
                    "Sorry, the diff exceeded the maximum number of lines (20000)",
                    errors=[{"resource": "PullRequest", "field": "diff", "code": "too_large"}],
                    doc="https://docs.github.com/rest/pulls/pulls#get-a-pull-request",
                )
            fmt = "patch" if "patch" in accept else "diff"
            return _Resp(
                200,
                text=text,
                content_type=f"application/vnd.github.{fmt}; charset=utf-8",
                headers=[("X-GitHub-Media-Type", f"github.v3; param={fmt}")],
            )
        return _Resp(200, self._render_pull(req.ctx, r, p, req.token))

    def _h_issue(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        pull = self._render_pull(req.ctx, r, p, req.token)
        issue = {
            k: pull[k]
            for k in (
                "url", "id", "node_id", "html_url", "number", "state", "locked", "title", "user", "body",
                "labels", "assignee", "assignees", "milestone", "comments", "created_at", "updated_at",
                "closed_at", "author_association", "active_lock_reason", "draft",
            )
        }  # fmt: skip
        issue.update(
            {
                "url": pull["issue_url"],
                "node_id": _node_id("Issue", p.id),
                "repository_url": f"{req.ctx.api}/repos/{r.full_name}",
                "labels_url": f"{pull['issue_url']}/labels{{/name}}",
                "comments_url": f"{pull['issue_url']}/comments",
                "events_url": f"{pull['issue_url']}/events",
                "pull_request": {
                    "url": pull["url"],
                    "html_url": pull["html_url"],
                    "diff_url": pull["diff_url"],
                    "patch_url": pull["patch_url"],
                    "merged_at": pull["merged_at"],
                },
                "state_reason": None,
            }
        )
        return _Resp(200, issue)

    def _h_files(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        items = [self._render_file(req.ctx, r, p, f) for f in p.files[: self.PAGE_CAPS["files"]]]
        return self._paginate(req, items)

    def _h_commits(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        n = min(len(p.commits), self.PAGE_CAPS["commits"])
        return self._paginate(req, [self._render_commit(req.ctx, r, p, i) for i in range(n)])

    def _h_list_review_comments(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        return self._paginate(req, [self._render_review_comment(req.ctx, r, p, c) for c in p.review_comments])

    def _h_create_review_comment(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        data = req.json if isinstance(req.json, dict) else {}
        if not data.get("body"):
            raise _gh_error(
                422,
                "Validation Failed",
                errors=[{"resource": "PullRequestReviewComment", "code": "missing_field", "field": "body"}],
                doc=_COMMENT_DOC,
            )
        _check_body_length(data["body"], "PullRequestReviewComment", _COMMENT_DOC)
        if data.get("in_reply_to") is not None:
            rec = self._reply(p, int(data["in_reply_to"]), str(data["body"]), req.token.login)
            return _Resp(201, self._render_review_comment(req.ctx, r, p, rec))
        commit_id = self._check_commit(p, data.get("commit_id"))
        review = self._new_review(p, req.token.login, "", "COMMENTED", commit_id)
        rec = self._build_comment(p, data, req.token.login, review.id, commit_id, single=True)
        p.reviews.append(review)
        p.review_comments.append(rec)
        return _Resp(201, self._render_review_comment(req.ctx, r, p, rec))

    def _h_reply(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        data = req.json if isinstance(req.json, dict) else {}
        if not data.get("body"):
            raise _gh_error(
                422,
                "Validation Failed",
                errors=[{"resource": "PullRequestReviewComment", "code": "missing_field", "field": "body"}],
            )
        _check_body_length(data["body"], "PullRequestReviewComment", _COMMENT_DOC)
        rec = self._reply(p, int(req.params["comment_id"]), str(data["body"]), req.token.login)
        return _Resp(201, self._render_review_comment(req.ctx, r, p, rec))

    def _find_review_comment(self, req: _Req) -> tuple[FakeRepo, FakePullRequest, ReviewCommentRecord]:
        r = self._repo_of(req)
        cid = int(req.params["comment_id"])
        for p in r.pulls.values():
            for c in p.review_comments:
                if c.id == cid:
                    return r, p, c
        raise _not_found()

    def _h_get_review_comment(self, req: _Req) -> _Resp:
        r, p, c = self._find_review_comment(req)
        return _Resp(200, self._render_review_comment(req.ctx, r, p, c))

    def _h_edit_review_comment(self, req: _Req) -> _Resp:
        r, p, c = self._find_review_comment(req)
        data = req.json if isinstance(req.json, dict) else {}
        if "body" in data:
            c.body = str(data["body"])
            c.updated_at = _now_iso()
        return _Resp(200, self._render_review_comment(req.ctx, r, p, c))

    def _h_delete_review_comment(self, req: _Req) -> _Resp:
        _, p, c = self._find_review_comment(req)
        p.review_comments.remove(c)
        return _Resp(204)

    def _h_list_reviews(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        return self._paginate(req, [self._render_review(req.ctx, r, p, x) for x in p.reviews])

    def _h_get_review(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        rid = int(req.params["review_id"])
        review = next((x for x in p.reviews if x.id == rid), None)
        if review is None:
            raise _not_found()
        return _Resp(200, self._render_review(req.ctx, r, p, review))

    def _h_review_comments_of_review(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        rid = int(req.params["review_id"])
        if not any(x.id == rid for x in p.reviews):
            raise _not_found()
        items = [self._render_review_comment(req.ctx, r, p, c) for c in p.review_comments if c.review_id == rid]
        return self._paginate(req, items)

    def _h_create_review(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        data = req.json if isinstance(req.json, dict) else {}
        event = data.get("event")
        states = {"APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED", "COMMENT": "COMMENTED"}
        if event is not None and event not in states:
            raise _gh_error(
                422,
                "Validation Failed",
                errors=[{"resource": "PullRequestReview", "code": "invalid", "field": "event"}],
                doc=_REVIEW_DOC,
            )
        state = states[event] if event else "PENDING"
        body = str(data.get("body") or "")
        _check_body_length(body, "PullRequestReview", _REVIEW_DOC)
        login = req.token.login
        if event in ("APPROVE", "REQUEST_CHANGES") and login.lower() == p.user.lower():
            verb = "approve" if event == "APPROVE" else "request changes on"
            raise _gh_error(
                422, "Unprocessable Entity", errors=[f"Can not {verb} your own pull request"], doc=_REVIEW_DOC
            )
        commit_id = self._check_commit(p, data.get("commit_id"))
        raw_comments = data.get("comments") or []
        if not isinstance(raw_comments, list):
            raise _gh_error(
                422,
                "Invalid request.\n\nFor 'properties/comments', " + json.dumps(raw_comments) + " is not an array.",
                doc=_REVIEW_DOC,
            )
        if state == "PENDING" and any(x.state == "PENDING" and x.user == login for x in p.reviews):
            raise _gh_error(
                422,
                "Unprocessable Entity",
                errors=["User can only have one pending review per pull request"],
                doc=_REVIEW_DOC,
            )
        review = self._new_review(p, login, body, state, commit_id)
        errors: list[str] = []
        for c in raw_comments:
            if not isinstance(c, dict):
                raise _gh_error(422, "Invalid request.\n\nFor 'items', " + json.dumps(c) + " is not an object.")
            if not c.get("path") or "body" not in c:
                missing = "path" if not c.get("path") else "body"
                raise _gh_error(422, f'Invalid request.\n\n"{missing}" wasn\'t supplied.', doc=_REVIEW_DOC)
            _check_body_length(c["body"], "PullRequestReviewComment", _REVIEW_DOC)
            errors += [msg for msg in self._thread_errors(p, c)[0] if msg not in errors]
        if errors:  # all-or-nothing: nothing is stored
            raise _gh_error(422, "Unprocessable Entity", errors=[_to_sentence(errors)], doc=_REVIEW_DOC)
        records = [self._build_comment(p, c, login, review.id, commit_id, single=False) for c in raw_comments]
        p.reviews.append(review)
        p.review_comments.extend(records)
        p.updated_at = _now_iso()
        return _Resp(200, self._render_review(req.ctx, r, p, review))

    def _h_get_requested_reviewers(self, req: _Req) -> _Resp:
        _, p = self._pull_of(req)
        return _Resp(200, {"users": [self._user(req.ctx, u) for u in p.requested_reviewers], "teams": []})

    def _h_request_reviewers(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        data = req.json if isinstance(req.json, dict) else {}
        users = data.get("reviewers") or []
        if not isinstance(users, list):
            users = [users]
        doc = "https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request"
        for u in users:
            if str(u).lower() == p.user.lower():
                raise _gh_error(422, "Review cannot be requested from pull request author.", doc=doc)
            if r.permission_of(str(u)) in ("none", "read") and str(u) not in r.collaborators:
                raise _gh_error(
                    422,
                    "Reviews may only be requested from collaborators. One or more of the users or teams you "
                    f"specified is not a collaborator of the {r.full_name} repository.",
                    doc=doc,
                )
        for u in users:
            if str(u) not in p.requested_reviewers:
                p.requested_reviewers.append(str(u))
        return _Resp(201, self._render_pull(req.ctx, r, p, req.token))

    def _h_remove_reviewers(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        data = req.json if isinstance(req.json, dict) else {}
        for u in data.get("reviewers") or []:
            if u in p.requested_reviewers:
                p.requested_reviewers.remove(u)
        return _Resp(200, self._render_pull(req.ctx, r, p, req.token))

    def _h_list_issue_comments(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        return self._paginate(req, [self._render_issue_comment(req.ctx, r, p, c) for c in p.issue_comments])

    def _h_create_issue_comment(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        data = req.json if isinstance(req.json, dict) else {}
        body = data.get("body")
        if not isinstance(body, str) or not body:
            raise _gh_error(
                422,
                'Invalid request.\n\n"body" wasn\'t supplied.',
                doc="https://docs.github.com/rest/issues/comments#create-an-issue-comment",
            )
        _check_body_length(body, "IssueComment", _ISSUE_COMMENT_DOC)
        rec = IssueCommentRecord(id=self.next_id(), user=req.token.login, body=body)
        p.issue_comments.append(rec)
        return _Resp(201, self._render_issue_comment(req.ctx, r, p, rec))

    def _find_issue_comment(self, req: _Req) -> tuple[FakeRepo, FakePullRequest, IssueCommentRecord]:
        r = self._repo_of(req)
        cid = int(req.params["comment_id"])
        for p in r.pulls.values():
            for c in p.issue_comments:
                if c.id == cid:
                    return r, p, c
        raise _not_found()

    def _h_get_issue_comment(self, req: _Req) -> _Resp:
        r, p, c = self._find_issue_comment(req)
        return _Resp(200, self._render_issue_comment(req.ctx, r, p, c))

    def _h_edit_issue_comment(self, req: _Req) -> _Resp:
        r, p, c = self._find_issue_comment(req)
        data = req.json if isinstance(req.json, dict) else {}
        body = data.get("body")
        if not isinstance(body, str):
            raise _gh_error(
                422,
                'Invalid request.\n\n"body" wasn\'t supplied.',
                doc="https://docs.github.com/rest/issues/comments#update-an-issue-comment",
            )
        _check_body_length(body, "IssueComment", "https://docs.github.com/rest/issues/comments#update-an-issue-comment")
        c.body = body
        c.updated_at = _now_iso()
        return _Resp(200, self._render_issue_comment(req.ctx, r, p, c))

    def _h_delete_issue_comment(self, req: _Req) -> _Resp:
        _, p, c = self._find_issue_comment(req)
        p.issue_comments.remove(c)
        return _Resp(204)

    def _issue_labels(self, req: _Req, r: FakeRepo, p: FakePullRequest, status: int = 200) -> _Resp:
        return _Resp(status, [self._render_label(req.ctx, r, n) for n in p.labels])

    def _h_list_issue_labels(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        return self._paginate(req, [self._render_label(req.ctx, r, n) for n in p.labels])

    @staticmethod
    def _label_names(data: JSONValue) -> list[str]:
        items = data.get("labels", []) if isinstance(data, dict) else data
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            raise _gh_error(422, "Invalid request.\n\nFor 'properties/labels', is not an array.")
        names: list[str] = []
        for item in items:
            name = item.get("name") if isinstance(item, dict) else item
            if not isinstance(name, str) or not name:
                raise _gh_error(
                    422,
                    "Validation Failed",
                    errors=[{"resource": "Label", "code": "invalid", "field": "name"}],
                )
            names.append(name)
        return names

    def _apply_labels(self, r: FakeRepo, p: FakePullRequest, names: list[str]) -> None:
        for name in names:
            lab = r.label(name) or self.add_label(name, repo=r)  # GitHub creates unknown labels
            if all(n.lower() != lab.name.lower() for n in p.labels):
                p.labels.append(lab.name)

    def _h_add_issue_labels(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        self._apply_labels(r, p, self._label_names(req.json))
        return self._issue_labels(req, r, p)

    def _h_set_issue_labels(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        names = self._label_names(req.json)
        p.labels.clear()
        self._apply_labels(r, p, names)
        return self._issue_labels(req, r, p)

    def _h_clear_issue_labels(self, req: _Req) -> _Resp:
        _, p = self._pull_of(req)
        p.labels.clear()
        return _Resp(204)

    def _h_remove_issue_label(self, req: _Req) -> _Resp:
        r, p = self._pull_of(req)
        name = req.params["name"]
        found = next((n for n in p.labels if n.lower() == name.lower()), None)
        if found is None:
            raise _gh_error(
                404,
                "Label does not exist",
                doc="https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue",
            )
        p.labels.remove(found)
        return self._issue_labels(req, r, p)

    def _h_list_labels(self, req: _Req) -> _Resp:
        r = self._repo_of(req)
        return self._paginate(req, [self._render_label(req.ctx, r, lab.name) for lab in r.labels.values()])

    def _h_get_label(self, req: _Req) -> _Resp:
        r = self._repo_of(req)
        lab = r.label(req.params["name"])
        if lab is None:
            raise _not_found("https://docs.github.com/rest/issues/labels#get-a-label")
        return _Resp(200, self._render_label(req.ctx, r, lab.name))

    def _h_create_label(self, req: _Req) -> _Resp:
        r = self._repo_of(req)
        data = req.json if isinstance(req.json, dict) else {}
        doc = "https://docs.github.com/rest/issues/labels#create-a-label"
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise _gh_error(422, 'Invalid request.\n\n"name" wasn\'t supplied.', doc=doc)
        color = str(data.get("color") or "ededed").lstrip("#")
        if not re.fullmatch(r"[0-9a-fA-F]{6}", color):
            raise _gh_error(
                422, "Validation Failed", errors=[{"resource": "Label", "code": "invalid", "field": "color"}], doc=doc
            )
        if r.label(name) is not None:
            raise _gh_error(
                422,
                "Validation Failed",
                errors=[{"resource": "Label", "code": "already_exists", "field": "name"}],
                doc=doc,
            )
        desc = data.get("description")
        lab = self.add_label(name, repo=r, color=color.lower(), description=desc if isinstance(desc, str) else None)
        return _Resp(201, self._render_label(req.ctx, r, lab.name))

    def _h_collaborator_permission(self, req: _Req) -> _Resp:
        r = self._repo_of(req)
        login = req.params["user"]
        role = r.permission_of(login)
        legacy = _LEGACY_PERMISSION.get(role, "none")
        level = _PERMISSIONS.index(role)
        user = self._user(req.ctx, login)
        user["permissions"] = {
            "admin": role == "admin",
            "maintain": level >= _PERMISSIONS.index("maintain"),
            "push": level >= _PERMISSIONS.index("write"),
            "triage": level >= _PERMISSIONS.index("triage"),
            "pull": level >= _PERMISSIONS.index("read"),
        }
        user["role_name"] = role
        return _Resp(200, {"permission": legacy, "role_name": role, "user": user})

    def _h_is_collaborator(self, req: _Req) -> _Resp:
        r = self._repo_of(req)
        login = req.params["user"]
        if login.lower() == r.owner.lower() or any(u.lower() == login.lower() for u in r.collaborators):
            return _Resp(204)
        raise _not_found(
            "https://docs.github.com/rest/collaborators/collaborators#check-if-a-user-is-a-repository-collaborator"
        )

    def _h_contents(self, req: _Req) -> _Resp:
        r = self._repo_of(req)
        path = req.params.get("path", "").strip("/")
        ref = req.q("ref") or r.default_branch
        sha = r.branches.get(ref, ref)
        tree = r.contents.get(sha)
        doc = "https://docs.github.com/rest/repos/contents#get-repository-content"
        if tree is None:
            raise _gh_error(404, f"No commit found for the ref {ref}", doc=doc)
        base = f"{req.ctx.api}/repos/{r.full_name}"

        def entry(p: str, kind: str, data: bytes | None) -> dict[str, Any]:
            quoted = urllib.parse.quote(p)
            blob = _git_blob_sha(data) if data is not None else _fake_sha("tree", sha, p)
            self_url = f"{base}/contents/{quoted}?ref={urllib.parse.quote(ref)}"
            is_blob = kind != "dir"
            git_url = f"{base}/git/{'blobs' if is_blob else 'trees'}/{blob}"
            html_url = f"{req.ctx.web}/{r.full_name}/{'blob' if is_blob else 'tree'}/{ref}/{quoted}"
            return {
                "name": p.rsplit("/", 1)[-1],
                "path": p,
                "sha": blob,
                "size": len(data) if data is not None else 0,
                "url": self_url,
                "html_url": html_url,
                "git_url": git_url,
                "download_url": f"{req.ctx.web}/{r.full_name}/raw/{ref}/{quoted}" if kind == "file" else None,
                "type": kind,
                "_links": {"self": self_url, "git": git_url, "html": html_url},
            }

        links = r.symlinks.get(sha, {})
        if path in links:
            # GitHub answers a link to a normal file of the repository with that file; any other
            # link (outside the repository, to a directory, dangling) with the link itself.
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), links[path]))
            if target not in tree or links[path].startswith("/"):
                return _Resp(200, {**entry(path, "symlink", links[path].encode()), "target": links[path]})
            path = target
        if path in tree:
            data = tree[path]
            d = entry(path, "file", data)
            if len(data) > 1024 * 1024:
                d.update(content="", encoding="none")
            else:
                b64 = base64.b64encode(data).decode()
                d.update(content="".join(b64[i : i + 60] + "\n" for i in range(0, len(b64), 60)), encoding="base64")
            return _Resp(200, d)
        prefix = f"{path}/" if path else ""
        children: dict[str, str] = {}
        for p in sorted([*tree, *links]):
            if p.startswith(prefix):
                head, sep, _ = p[len(prefix) :].partition("/")
                children.setdefault(prefix + head, "dir" if sep else ("symlink" if p in links else "file"))
        if not children:
            raise _not_found(doc)
        data_of = {**tree, **{p: target.encode() for p, target in links.items()}}
        return _Resp(200, [entry(p, kind, data_of.get(p) if kind != "dir" else None) for p, kind in children.items()])

    def _h_git_blob(self, req: _Req) -> _Resp:
        r = self._repo_of(req)
        sha = req.params["sha"]
        blobs = {_git_blob_sha(data): data for tree in r.contents.values() for data in tree.values()}
        if sha not in blobs:
            raise _not_found("https://docs.github.com/rest/git/blobs#get-a-blob")
        b64 = base64.b64encode(blobs[sha]).decode()
        return _Resp(
            200,
            {
                "sha": sha,
                "node_id": "B_" + sha[:20],
                "size": len(blobs[sha]),
                "url": f"{req.ctx.api}/repos/{r.full_name}/git/blobs/{sha}",
                "content": "".join(b64[i : i + 60] + "\n" for i in range(0, len(b64), 60)),
                "encoding": "base64",
            },
        )


_R = r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)"
_N = r"(?P<number>\d+)"
_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (m, re.compile(p), h)
    for m, p, h in [
        ("GET", r"/rate_limit", "_h_rate_limit"),
        ("GET", r"/user", "_h_user"),
        ("GET", _R, "_h_repo"),
        ("GET", _R + r"/pulls", "_h_list_pulls"),
        ("GET", _R + rf"/pulls/{_N}", "_h_pull"),
        ("GET", _R + rf"/issues/{_N}", "_h_issue"),
        ("GET", _R + rf"/pulls/{_N}/files", "_h_files"),
        ("GET", _R + rf"/pulls/{_N}/commits", "_h_commits"),
        ("GET", _R + rf"/pulls/{_N}/comments", "_h_list_review_comments"),
        ("POST", _R + rf"/pulls/{_N}/comments", "_h_create_review_comment"),
        ("POST", _R + rf"/pulls/{_N}/comments/(?P<comment_id>\d+)/replies", "_h_reply"),
        ("GET", _R + r"/pulls/comments/(?P<comment_id>\d+)", "_h_get_review_comment"),
        ("PATCH", _R + r"/pulls/comments/(?P<comment_id>\d+)", "_h_edit_review_comment"),
        ("DELETE", _R + r"/pulls/comments/(?P<comment_id>\d+)", "_h_delete_review_comment"),
        ("GET", _R + rf"/pulls/{_N}/reviews", "_h_list_reviews"),
        ("POST", _R + rf"/pulls/{_N}/reviews", "_h_create_review"),
        ("GET", _R + rf"/pulls/{_N}/reviews/(?P<review_id>\d+)", "_h_get_review"),
        ("GET", _R + rf"/pulls/{_N}/reviews/(?P<review_id>\d+)/comments", "_h_review_comments_of_review"),
        ("GET", _R + rf"/pulls/{_N}/requested_reviewers", "_h_get_requested_reviewers"),
        ("POST", _R + rf"/pulls/{_N}/requested_reviewers", "_h_request_reviewers"),
        ("DELETE", _R + rf"/pulls/{_N}/requested_reviewers", "_h_remove_reviewers"),
        ("GET", _R + rf"/issues/{_N}/comments", "_h_list_issue_comments"),
        ("POST", _R + rf"/issues/{_N}/comments", "_h_create_issue_comment"),
        ("GET", _R + r"/issues/comments/(?P<comment_id>\d+)", "_h_get_issue_comment"),
        ("PATCH", _R + r"/issues/comments/(?P<comment_id>\d+)", "_h_edit_issue_comment"),
        ("DELETE", _R + r"/issues/comments/(?P<comment_id>\d+)", "_h_delete_issue_comment"),
        ("GET", _R + rf"/issues/{_N}/labels", "_h_list_issue_labels"),
        ("POST", _R + rf"/issues/{_N}/labels", "_h_add_issue_labels"),
        ("PUT", _R + rf"/issues/{_N}/labels", "_h_set_issue_labels"),
        ("DELETE", _R + rf"/issues/{_N}/labels", "_h_clear_issue_labels"),
        ("DELETE", _R + rf"/issues/{_N}/labels/(?P<name>[^/]+)", "_h_remove_issue_label"),
        ("GET", _R + r"/labels", "_h_list_labels"),
        ("POST", _R + r"/labels", "_h_create_label"),
        ("GET", _R + r"/labels/(?P<name>[^/]+)", "_h_get_label"),
        ("GET", _R + r"/collaborators/(?P<user>[^/]+)/permission", "_h_collaborator_permission"),
        ("GET", _R + r"/collaborators/(?P<user>[^/]+)", "_h_is_collaborator"),
        ("GET", _R + r"/contents(?:/(?P<path>.*))?", "_h_contents"),
        ("GET", _R + r"/git/blobs/(?P<sha>[0-9a-f]{40})", "_h_git_blob"),
    ]
]
