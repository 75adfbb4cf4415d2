"""Suppressions: inline `pr-review: ignore[...] reason` comments and config `ignore:` entries.

An ignore comment present at the base applies; one the pull request adds does not (issue 9): the
finding stays, marked as needing approval. Nothing suppressed is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import jsonschema
import pytest
from conftest import DATA, GitRepo
from hypothesis import given, settings
from hypothesis import strategies as st

from pr_review.audit_verify import verify
from pr_review.cli import main
from pr_review.config import TriageSettings
from pr_review.config_loader import load_config_text
from pr_review.errors import ConfigError
from pr_review.gather.diff import ChangedFile, FileStatus, Hunk, Line, parse_diff
from pr_review.models import CodeLocation, Finding, Fingerprint, Severity
from pr_review.triage.inline import parse_ignore_comments
from pr_review.triage.model import DecisionKind, NoteKind
from pr_review.triage.suppress import NEEDS_APPROVAL, apply_suppressions

SQL_RULE = "pr-review.python.sql-injection"


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("app.py", "    rows = run(q)  # pr-review: ignore[rule.a] constant query"),
        ("app.py", "# pr-review: ignore[rule.a] constant query"),
        ("web/app.js", "  db.query(q); // pr-review: ignore[rule.a] constant query"),
        ("web/app.ts", "  /* pr-review: ignore[rule.a] constant query */"),
        ("src/App.java", "        stmt.execute(q); // pr-review: ignore[rule.a] constant query"),
        ("src/App.java", "     * pr-review: ignore[rule.a] constant query"),
        ("cmd/main.go", "\tdb.Query(q) // pr-review: ignore[rule.a] constant query"),
        ("deploy.yaml", "  privileged: true  # pr-review: ignore[rule.a] constant query"),
        ("schema.sql", "SELECT 1; -- pr-review: ignore[rule.a] constant query"),
        ("page.html", "<!-- pr-review: ignore[rule.a] constant query -->"),
    ],
)
def test_ignore_comment_in_each_language(path: str, line: str) -> None:
    [comment] = parse_ignore_comments(path, f"first line\n{line}\nlast line\n")
    assert (comment.line, comment.ids, comment.reason) == (2, ("rule.a",), "constant query")


def test_ignore_comment_details() -> None:
    text = "\n".join(
        [
            'x = "pr-review: ignore[rule.a] not in a comment"',
            "# pr-review: ignore[rule.a, cwe-89] two ids: listed",
            "# pr-review: ignore[rule.a]",
            "# pr-review:ignore[rule.a] - dash before the reason",
        ]
    )
    comments = list(parse_ignore_comments("a.py", text))
    assert [(c.line, c.ids, c.reason) for c in comments] == [
        (2, ("rule.a", "CWE-89"), "two ids: listed"),
        (3, ("rule.a",), ""),
        (4, ("rule.a",), "dash before the reason"),
    ]


def test_parsing_a_hostile_file_stays_fast() -> None:
    line = "# pr-review: ignore[" + "a" * 100_000
    assert list(parse_ignore_comments("a.py", (line + "\n") * 50)) == []


def _finding(line: int, *, rule: str = SQL_RULE, cwe: str = "CWE-89", path: str = "app.py") -> Finding:
    return Finding(
        Fingerprint(f"{line:02d}" * 8),
        ("semgrep",),
        (rule,),
        "SQL injection",
        Severity.HIGH,
        0.8,
        (cwe,),
        CodeLocation(path, line, line),
        True,
        description="desc",
    )


def _changed(path: str, added: list[int], context: list[int]) -> ChangedFile:
    hunk = Hunk(1, 1, 1, 20, "@@", tuple(Line(n, "") for n in added), (), tuple(Line(n, "") for n in context))
    return ChangedFile(path, path, FileStatus.MODIFIED, (hunk,))


def test_base_comment_suppresses_an_added_comment_needs_approval() -> None:
    source = "\n".join(
        [
            "# pr-review: ignore[pr-review.python.sql-injection] allow-listed table name",  # 1 context
            "run(q1)",  # 2 context: the code the comment was written for
            "",
            "run(q2)  # pr-review: ignore[CWE-89] trust me",  # 4 added (comment added)
            "",
            "run(q3)  # pr-review: ignore[CWE-89]",  # 6 added, no reason
            "",
            "run(q4)  # pr-review: ignore[CWE-79] another weakness",  # 8: does not match
        ]
    )
    files = {"app.py": _changed("app.py", added=[4, 6, 8], context=[1, 2])}
    findings = [_finding(n) for n in (2, 4, 6, 8)]
    result = apply_suppressions(findings, files, {"app.py": source.encode()}, TriageSettings())
    [suppressed] = result.suppressed
    assert (suppressed.finding.location, suppressed.kind, suppressed.by) == (
        CodeLocation("app.py", 2, 2),
        DecisionKind.INLINE,
        "app.py:1",
    )
    assert suppressed.reason == "allow-listed table name"
    assert [f.location for f in result.findings] == [CodeLocation("app.py", n, n) for n in (4, 6, 8)]
    pending = result.findings[0]
    assert pending.description.startswith(f"⚠️ **{NEEDS_APPROVAL}.**")
    assert pending.severity is Severity.HIGH  # unchanged
    assert [(n.kind, n.fingerprint) for n in result.notes] == [
        (NoteKind.NEEDS_APPROVAL, pending.fingerprint),
        (NoteKind.INVALID, result.findings[1].fingerprint),
    ]
    assert "app.py:6 has no reason" in result.notes[1].message

    allowed = apply_suppressions(findings, files, {"app.py": source.encode()}, TriageSettings(allow_from_pr=True))
    assert [s.by for s in allowed.suppressed] == ["app.py:1", "app.py:4"]


def _unified(base: list[str], head: list[str]) -> ChangedFile:
    text = "".join(difflib.unified_diff([f"{x}\n" for x in base], [f"{x}\n" for x in head], "a/app.py", "b/app.py"))
    [changed] = (
        parse_diff("diff --git a/app.py b/app.py\n" + text)
        if text
        else [ChangedFile("app.py", "app.py", FileStatus.MODIFIED)]
    )
    return changed


COMMENT = "# pr-review: ignore[pr-review.python.sql-injection] constant query"


@settings(max_examples=300, deadline=None)
@given(
    size=st.integers(min_value=2, max_value=40),
    where=st.integers(min_value=0, max_value=38),
    edits=st.lists(st.tuples(st.booleans(), st.integers(min_value=0, max_value=60)), max_size=8),
)
def test_a_base_comment_suppresses_only_the_line_it_was_written_for(
    size: int, where: int, edits: list[tuple[bool, int]]
) -> None:
    """Whatever a change inserts or deletes around it, a base comment suppresses the finding directly
    below it exactly when that line is still the one it covered at the base."""
    where = min(where, size - 2)
    base = [f"line{i}" for i in range(size)]
    base[where] = COMMENT
    head = list(base)
    for number, (insert, at) in enumerate(edits):
        if insert:
            head.insert(min(at, len(head)), f"new{number}")
        elif head:
            del head[at % len(head)]
    if COMMENT not in head or head.index(COMMENT) + 1 >= len(head):
        return
    below = head.index(COMMENT) + 2  # 1-based line directly below the comment
    changed = _unified(base, head)
    result = apply_suppressions(
        [_finding(below)], {"app.py": changed}, {"app.py": "\n".join(head).encode()}, TriageSettings()
    )
    written_for = base[where + 1]
    assert bool(result.suppressed) == (head[below - 1] == written_for), (base, head)
    assert len(result.suppressed) + len(result.findings) == 1


def test_config_entries_match_rule_cwe_path_and_expire() -> None:
    config = load_config_text(
        """
ignore:
  - rule: pr-review.python.sql-injection
    path: "legacy/**"
    reason: legacy code, rewrite tracked in JIRA-12
  - cwe: CWE-79
    reason: templates auto-escape
    expires: 2999-12-31
  - path: scripts/
    reason: not deployed
    expires: 2000-01-31
""",
        "test config",
    )
    settings = config.triage
    findings = [
        _finding(1, path="legacy/db.py"),
        _finding(2, path="app/db.py"),
        _finding(3, path="app/page.py", cwe="CWE-79", rule="x.xss"),
        _finding(4, path="scripts/once.py"),
    ]
    result = apply_suppressions(findings, {}, {}, settings, today=dt.date(2025, 1, 1))
    assert [(s.finding.path, s.by, s.reason) for s in result.suppressed] == [
        (
            "legacy/db.py",
            "config ignore[0] (rule pr-review.python.sql-injection, path legacy/**)",
            "legacy code, rewrite tracked in JIRA-12",
        ),
        ("app/page.py", "config ignore[1] (cwe CWE-79)", "templates auto-escape"),
    ]
    assert [f.path for f in result.findings] == ["app/db.py", "scripts/once.py"]
    [expired] = result.notes
    assert expired.kind is NoteKind.EXPIRED
    assert expired.message == "config ignore[2] (path scripts/) expired on 2000-01-31: no longer applied"


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("  - rule: x\n", "'reason' is a required property"),
        ("  - reason: because\n", "needs at least one of rule, cwe, path"),
        ("  - rule: x\n    reason: r\n    expires: soon\n", "does not match"),
        ("  - rule: x\n    reason: r\n    expires: 2025-02-30\n", "'2025-02-30' is not a date (YYYY-MM-DD)"),
    ],
)
def test_config_entry_errors_name_the_entry(entry: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=r"ignore\[0\]") as caught:
        load_config_text("ignore:\n" + entry, ".github/pr-review.yml")
    assert problem in str(caught.value)


# ------------------------------------------------------------------------ through `pr-review scan`

BASE_SEARCH = """from flask import request


def by_kind(conn):
    kind = request.args.get("kind", "")
    query = "SELECT id FROM invoices WHERE kind = '" + kind + "'"
    # pr-review: ignore[pr-review.python.sql-injection] kind is matched against KINDS by the router
    rows = conn.execute(query).fetchall()
    return rows
"""

HEAD_SEARCH = (
    BASE_SEARCH
    + """

def by_customer(conn):
    customer = request.args.get("customer", "")
    query = "SELECT id FROM invoices WHERE customer = '" + customer + "'"
    # pr-review: ignore[CWE-89] the caller sanitises the customer name
    return conn.execute(query).fetchall()


def by_status(conn):
    status = request.args.get("status", "")
    query = "SELECT id FROM invoices WHERE status = '" + status + "'"
    return conn.execute(query).fetchall()  # pr-review: ignore[pr-review.python.sql-injection]
"""
)

CONFIG = """fail_on: high
semgrep:
  scope: changed_files
ignore:
  - path: "scripts/**"
    reason: maintenance scripts, never deployed
  - rule: pr-review.python.command-injection
    reason: old exemption
    expires: 2001-01-01
"""


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("suppress")
    (root / "repo").mkdir()
    repo = GitRepo(root / "repo")
    scripts = BASE_SEARCH.replace("def by_kind", "def purge").replace(
        "    # pr-review: ignore[pr-review.python.sql-injection] kind is matched against KINDS by the router\n", ""
    )
    base = repo.commit({"app/search.py": BASE_SEARCH, ".github/pr-review.yml": CONFIG}, "base")
    head = repo.commit({"app/search.py": HEAD_SEARCH, "scripts/purge.py": scripts}, "search")
    out = root / "out"
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(["scan", str(repo.path), "--base", base, "--head", head, "--out", str(out)], environ=env)
    return {
        "code": code,
        "report": json.loads((out / "findings.json").read_text()),
        "summary": (out / "summary.md").read_text(),
        "sarif": json.loads((out / "results.sarif").read_text()),
        "audit": out / "audit.jsonl",
        "stderr": stderr.getvalue(),
        "stdout": stdout.getvalue(),
    }


@pytest.mark.slow
def test_scan_applies_base_suppressions_and_not_the_pull_requests_own(scanned: dict[str, Any]) -> None:
    report = scanned["report"]
    assert scanned["code"] == 1, scanned["stderr"]  # findings remain at or above fail_on: high
    reported = {(f["location"]["path"], f["location"]["start_line"]): f for f in report["findings"]}
    customer = reported[("app/search.py", line_of(HEAD_SEARCH, "# pr-review: ignore[CWE-89]") + 1)]
    assert customer["rule_ids"] == [SQL_RULE]
    assert customer["description"].startswith(f"⚠️ **{NEEDS_APPROVAL}.**")
    assert customer["severity"] == "critical"
    status_line = line_of(HEAD_SEARCH, "fetchall()  # pr-review: ignore")
    assert ("app/search.py", status_line) in reported  # a reason-less comment suppresses nothing

    by_where = {(s["finding"]["location"]["path"], s["kind"]): s for s in report["suppressed"]}
    kind_line = line_of(HEAD_SEARCH, "rows = conn.execute(query)")
    base_level = by_where[("app/search.py", "inline")]
    assert base_level["finding"]["location"]["start_line"] == kind_line
    assert base_level["by"] == f"app/search.py:{kind_line - 1}"
    assert base_level["reason"] == "kind is matched against KINDS by the router"
    assert by_where[("scripts/purge.py", "config")]["reason"] == "maintenance scripts, never deployed"
    assert {n["kind"] for n in report["triage_notes"]} == {"needs-approval", "invalid", "expired"}

    summary = scanned["summary"]
    assert "2 suppressed, 0 dismissed" in summary
    assert "### ⚠️ Suppressions added by this pull request: need approval (1)" in summary
    assert "| inline | app/search.py:" in summary
    assert "expired on 2001-01-01: no longer applied" in summary
    assert "has no reason and suppresses nothing" in summary
    assert "suppressed: 2 finding(s), never silently" in scanned["stdout"]  # the terminal says so too


@pytest.mark.slow
def test_scan_records_suppressions_in_the_audit_trail(scanned: dict[str, Any]) -> None:
    assert verify(scanned["audit"]).ok
    events = [json.loads(line) for line in scanned["audit"].read_text().splitlines()]
    suppressions = [e["data"] for e in events if e["event"] == "suppression"]
    assert sorted(s["kind"] for s in suppressions) == ["config", "inline"]
    statuses = [e["data"]["status"] for e in events if e["event"] == "finding"]
    assert statuses.count("suppressed") == 2
    anomalies = {e["data"]["kind"] for e in events if e["event"] == "anomaly"}
    assert anomalies == {"triage:needs-approval", "triage:invalid", "triage:expired"}


@pytest.mark.slow
def test_scan_marks_suppressed_findings_in_sarif(scanned: dict[str, Any]) -> None:
    sarif = scanned["sarif"]
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    assert list(jsonschema.Draft4Validator(schema).iter_errors(sarif)) == []
    suppressed = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    kinds = sorted(r["suppressions"][0]["kind"] for r in suppressed)
    assert kinds == ["external", "inSource"]  # the config entry, the base-level comment
    assert all(r["suppressions"][0]["justification"] for r in suppressed)


BASE_SAFE = """from flask import request


def by_kind(conn):
    kind = request.args.get("kind", "")
    # pr-review: ignore[pr-review.python.sql-injection] only constant queries run here
    rows = conn.execute("SELECT id FROM invoices").fetchall()
    return rows
"""

HEAD_INSERTED = BASE_SAFE.replace(
    "    # pr-review: ignore[pr-review.python.sql-injection] only constant queries run here\n",
    "    # pr-review: ignore[pr-review.python.sql-injection] only constant queries run here\n"
    '    rows = conn.execute("SELECT id FROM invoices WHERE kind = \'" + kind + "\'").fetchall()\n',
)


@pytest.mark.slow
def test_a_base_suppression_does_not_cover_code_the_pull_request_inserts_below_it(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13 §8: the comment was written for the constant query; the injection the change puts
    directly under it is reported, needs approval, and fails the run."""
    base = repo.commit({"app/search.py": BASE_SAFE, ".github/pr-review.yml": "fail_on: high\n"}, "base")
    head = repo.commit({"app/search.py": HEAD_INSERTED}, "insert below the comment")
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}

    code = main(["scan", str(repo.path), "--base", base, "--head", head, "--format", "json"], environ=env)

    report = json.loads(capsys.readouterr().out)
    inserted = line_of(HEAD_INSERTED, "WHERE kind")
    [finding] = [f for f in report["findings"] if f["location"]["start_line"] == inserted]
    assert SQL_RULE in finding["rule_ids"]
    assert "this change edits the lines it covers" in finding["description"]
    assert report["suppressed"] == []
    assert [n["kind"] for n in report["triage_notes"]] == ["needs-approval"]
    assert code == 1
