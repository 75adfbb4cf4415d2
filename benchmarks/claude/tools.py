"""Claude's lookup tools: tool calls per request and the bytes they return, on cross-file flaws.

    .venv/bin/python benchmarks/claude/tools.py

Three labelled changes whose flaw is only decidable with another file of the repository (the
classes issue 15 found in replayed security fixes): a new route without the permission check its
sibling routes have, a redirect through a helper that does not validate the URL, and a query
scoped by a tenant helper that reads a request parameter. Each is a real git repository reviewed
by `pr-review scan` against the loopback Messages API, where a scripted model makes the lookups a
careful reviewer would (a search, then a read) and reports the flaw. Prints a Markdown table;
`measure()` returns the rows for benchmarks/claude/run.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import GitRepo  # noqa: E402
from fakes import FakeAnthropic, tool_use_response  # noqa: E402

from benchmarks.claude.cache import SHAPES, per_request  # noqa: E402
from pr_review.cli import main  # noqa: E402


@dataclass(frozen=True)
class Case:
    name: str
    base: Mapping[str, str]  # the repository before the change
    change: Mapping[str, str]  # files the pull request adds or rewrites
    lookups: tuple[tuple[str, dict[str, Any]], ...]  # what the scripted model asks, in order
    flaw: tuple[str, int, str]  # (path, line, CWE) of the labelled vulnerable line


CASES = (
    Case(
        "route without its siblings' permission check",
        {
            "app/__init__.py": "",
            "app/auth.py": "def require_admin(view):\n    def checked(request):\n"
            "        if not request.user.is_admin:\n            raise PermissionError\n"
            "        return view(request)\n    return checked\n",
            "app/admin.py": "from app.auth import require_admin\n\n\n@require_admin\ndef list_users(request):\n"
            "    return request.db.users()\n\n\n@require_admin\ndef delete_user(request):\n"
            "    return request.db.delete(request.args['id'])\n",
        },
        {"app/admin_export.py": "def export_users(request):\n    return request.db.dump('users')\n"},
        (("search", {"pattern": "require_admin", "path_glob": "app/**"}), ("read_file", {"path": "app/admin.py"})),
        ("app/admin_export.py", 1, "CWE-862"),
    ),
    Case(
        "redirect through a helper that does not validate",
        {
            "app/__init__.py": "",
            "app/urls.py": "def next_url(raw):\n    # the caller must check the host\n    return raw\n",
        },
        {
            "app/login.py": "from app.urls import next_url\n\n\ndef after_login(request):\n"
            "    return request.redirect(next_url(request.args['next']))\n"
        },
        (("read_file", {"path": "app/urls.py"}),),
        ("app/login.py", 5, "CWE-601"),
    ),
    Case(
        "query scoped by a helper that reads a request parameter",
        {
            "app/__init__.py": "",
            "app/tenant.py": "def current_tenant(request):\n    return request.args.get('tenant')\n",
        },
        {
            "app/invoices.py": "from app.tenant import current_tenant\n\n\ndef invoices(request):\n"
            "    return request.db.invoices(tenant=current_tenant(request))\n"
        },
        (
            ("search", {"pattern": "def current_tenant"}),
            ("read_file", {"path": "app/tenant.py", "start_line": 1, "end_line": 2}),
        ),
        ("app/invoices.py", 5, "CWE-639"),
    ),
)


@dataclass(frozen=True)
class Row:
    case: str
    requests: int
    tool_calls: int
    tool_bytes: int
    request_chars: int
    diff_bytes: int
    found: bool  # the labelled flaw was reported on its line
    billed: float  # input-equivalent tokens of the request's turns (benchmarks/claude/cache.py)
    billed_before: float  # the same turns in the request shape before the conversation was cached


def _finding(path: str, line: int, cwe: str) -> dict[str, Any]:
    return {
        "path": path,
        "start_line": line,
        "end_line": line,
        "severity": "high",
        "cwe": cwe,
        "title": "Missing check found by looking up the code it relies on",
        "description": "The helper read through a lookup does not do the check the change relies on.",
        "exploit_scenario": "An attacker calls the new code path directly.",
        "recommendation": "Add the check where the change uses the helper.",
        "confidence": 0.9,
    }


def _scripted(case: Case) -> Any:
    """A model that makes the case's lookups, one per turn, then reports the labelled flaw."""

    def respond(request: dict[str, Any]) -> dict[str, Any]:
        turn = sum(1 for m in request["messages"] if m["role"] == "assistant")
        if request["tool_choice"]["type"] == "tool" or turn >= len(case.lookups):
            return tool_use_response({"findings": [_finding(*case.flaw)]})
        name, arguments = case.lookups[turn]
        return tool_use_response(arguments, name=name)

    return respond


def _review(case: Case, tmp: Path, fake: FakeAnthropic) -> Row:
    (tmp / "repo").mkdir()
    repo = GitRepo(tmp / "repo")
    repo.commit(dict(case.base), "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.commit(dict(case.change), case.name)
    diff_bytes = len(repo.git("diff", "main...change").encode())
    config = tmp / "pr-review.yml"
    config.write_text("semgrep:\n  enabled: false\n")
    fake.responder = _scripted(case)
    earlier = len(fake.message_requests())
    environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": fake.url, "PATH": os.environ.get("PATH", "")}
    argv = ["scan", str(repo.path), "--base", "main", "--head", "change", "--config", str(config)]
    with contextlib.redirect_stdout(io.StringIO()):  # findings.json is read from --out
        main([*argv, "--out", str(tmp / "out"), "--format", "json"], environ=environ)
    document = json.loads((tmp / "out" / "findings.json").read_text())
    requests = fake.message_requests()[earlier:]
    claude = next(a for a in document["analyzers"] if a["name"] == "claude")
    meta = claude["metadata"]
    path, line, _ = case.flaw
    found = any(
        f["location"]["path"] == path and f["location"]["start_line"] <= line <= f["location"]["end_line"]
        for f in document["findings"]
    )
    return Row(
        case.name,
        int(meta["requests"]),
        int(meta.get("tool_calls", 0)),
        int(meta.get("tool_bytes", 0)),
        int(meta["request_chars"]),
        diff_bytes,
        found,
        per_request(requests, SHAPES["now"]),
        per_request(requests, SHAPES["before"]),
    )


def measure() -> list[Row]:
    rows = []
    with FakeAnthropic() as fake:
        for case in CASES:
            with tempfile.TemporaryDirectory(prefix="pr-review-tools-bench-") as tmp:
                rows.append(_review(case, Path(tmp), fake))
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| case | turns | tool calls | bytes returned | prompt bytes ÷ diff bytes | billed input ÷ before "
        "| flaw reported |",
        "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for r in rows:
        ratio = r.request_chars / max(r.diff_bytes, 1)
        found = "yes" if r.found else "no"
        lines.append(
            f"| {r.case} | {r.requests} | {r.tool_calls} | {r.tool_bytes:,} | {ratio:.2f} "
            f"| {r.billed / r.billed_before:.2f} | {found} |"
        )
    calls = sum(r.tool_calls for r in rows)
    lines.append(
        f"\nPer request: {calls / len(rows):.2f} tool call(s) returning "
        f"{sum(r.tool_bytes for r in rows) / max(calls, 1):,.0f} bytes each on average "
        "(tool results are counted apart from the prompt bytes). Billed input (input + 1.25 x cache writes + "
        "0.1 x cache reads, benchmarks/claude/cache.py) of the three requests against the request shape before "
        f"the conversation was cached: {sum(r.billed for r in rows) / sum(r.billed_before for r in rows):.2f}."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(measure()))
