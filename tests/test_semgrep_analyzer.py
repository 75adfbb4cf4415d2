"""The Semgrep analyzer on a real repository: what a change's review reports, and what it must not."""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from conftest import GitRepo

from pr_review.analyzers.semgrep import plan_batches, severity_of
from pr_review.cli import main
from pr_review.models import Severity

pytestmark = pytest.mark.slow

ENV = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}

OLD_SQLI = """from flask import request


def legacy_search(conn):
    name = request.args.get("name", "")
    return conn.execute("SELECT * FROM users WHERE name = '" + name + "'").fetchall()
"""

SERVICE_BASE = """import subprocess

from flask import request


def lookup(conn):
    user = request.args.get("user", "")
    return conn.execute("SELECT * FROM accounts WHERE owner = '" + user + "'").fetchall()
"""

SERVICE_HEAD = (
    SERVICE_BASE
    + """

def export():
    fmt = request.form["format"]
    return subprocess.check_output("./export --format " + fmt, shell=True)  # nosemgrep
"""
)

TEST_FILE = """import yaml


def test_loads(payload):
    assert yaml.load(payload, Loader=yaml.Loader)
"""

DASH_FILE = """import pickle

from flask import request


def restore():
    return pickle.loads(request.data)
"""


def _scan(repo: GitRepo, base: str, config: Path | None = None) -> dict[str, Any]:
    argv = ["scan", str(repo.path), "--base", base, "--format", "json"]
    if config is not None:
        argv += ["--config", str(config)]
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        main(argv, environ=ENV)
    report: dict[str, Any] = json.loads(out.getvalue())
    semgrep = next(a for a in report["analyzers"] if a["name"] == "semgrep")
    assert semgrep["status"] == "ok", semgrep
    return report


@pytest.fixture(scope="module")
def change(tmp_path_factory: pytest.TempPathFactory) -> tuple[GitRepo, str]:
    repo = GitRepo(tmp_path_factory.mktemp("repo"))
    base = repo.commit({"legacy/old_views.py": OLD_SQLI, "app/service.py": SERVICE_BASE}, "base")
    repo.commit(
        {"app/service.py": SERVICE_HEAD, "tests/test_payload.py": TEST_FILE, "-rf.py": DASH_FILE},
        "head",
    )
    return repo, base


@pytest.fixture(scope="module")
def added_lines(change: tuple[GitRepo, str]) -> dict[str, Any]:
    return _scan(*change)


@pytest.fixture(scope="module")
def changed_files(change: tuple[GitRepo, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    config = tmp_path_factory.mktemp("config") / "pr-review.yml"
    config.write_text("semgrep:\n  scope: changed_files\n")
    return _scan(*change, config=config)


def _semgrep(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if "semgrep" in f["sources"]]


def _where(report: dict[str, Any]) -> set[tuple[str, int, str]]:
    return {(f["location"]["path"], f["location"]["start_line"], cwe) for f in _semgrep(report) for cwe in f["cwe"]}


def test_unchanged_vulnerable_file_is_not_reported(added_lines: dict[str, Any], changed_files: dict[str, Any]) -> None:
    for report in (added_lines, changed_files):
        assert all(not f["location"]["path"].startswith("legacy/") for f in report["findings"])


def test_pre_existing_line_in_a_changed_file_is_not_reported_by_default(added_lines: dict[str, Any]) -> None:
    assert ("app/service.py", 8, "CWE-89") not in _where(added_lines)
    assert all(f["in_diff"] for f in _semgrep(added_lines))


def test_changed_files_scope_reports_pre_existing_lines_outside_the_diff(changed_files: dict[str, Any]) -> None:
    old = [f for f in _semgrep(changed_files) if f["location"]["path"] == "app/service.py" and "CWE-89" in f["cwe"]]
    assert len(old) == 1
    assert old[0]["location"]["start_line"] == 8
    assert old[0]["in_diff"] is False
    new = [f for f in _semgrep(changed_files) if "CWE-78" in f["cwe"]]
    assert new[0]["in_diff"] is True


def test_a_nosemgrep_comment_added_by_the_change_does_not_hide_a_finding(added_lines: dict[str, Any]) -> None:
    assert ("app/service.py", 13, "CWE-78") in _where(added_lines)


def test_files_under_tests_are_scanned(added_lines: dict[str, Any]) -> None:
    assert ("tests/test_payload.py", 5, "CWE-502") in _where(added_lines)


def test_a_file_named_like_an_option_is_scanned_as_a_file(added_lines: dict[str, Any]) -> None:
    assert ("-rf.py", 7, "CWE-502") in _where(added_lines)


def test_rule_ids_are_the_ids_the_rule_files_declare(added_lines: dict[str, Any]) -> None:
    rule_ids = {rule for f in _semgrep(added_lines) for rule in f["rule_ids"]}
    assert "pr-review.python.command-injection" in rule_ids
    assert all(rule.startswith("pr-review.") for rule in rule_ids), rule_ids


def test_exactly_the_changed_files_were_reviewed(added_lines: dict[str, Any]) -> None:
    semgrep = next(a for a in added_lines["analyzers"] if a["name"] == "semgrep")
    assert "3 file(s)" in semgrep["detail"]


@pytest.mark.parametrize(
    ("severity", "metadata", "expected"),
    [
        ("ERROR", {}, Severity.HIGH),
        ("WARNING", {}, Severity.MEDIUM),
        ("INFO", {}, Severity.LOW),
        ("ERROR", {"impact": "HIGH", "likelihood": "HIGH"}, Severity.CRITICAL),
        ("ERROR", {"impact": "LOW"}, Severity.MEDIUM),
        ("INFO", {"impact": "LOW"}, Severity.LOW),
        ("bogus", {}, Severity.MEDIUM),
    ],
)
def test_severity_mapping(severity: str, metadata: dict[str, str], expected: Severity) -> None:
    assert severity_of(severity, metadata) is expected


def test_a_large_change_is_scanned_in_a_few_large_batches() -> None:
    """Each Semgrep start-up parses the whole rule pack again: 2,500 small files are three calls, and
    large files share calls (small files first, so a slow large file cannot cost them)."""
    small = [f"src/module_{i}.py" for i in range(2500)]
    large = [f"vendor/bundle_{i}.js" for i in range(60)]
    sizes = {**dict.fromkeys(small, 2_000), **{t: 150_000 + i for i, t in enumerate(large)}}
    batches = plan_batches([*large, *small], sizes)
    assert [len(b) for b in batches[:3]] == [1000, 1000, 500]
    assert [t for b in batches[:3] for t in b] == small
    assert [t for b in batches[3:] for t in b] == large  # smallest first, none lost or repeated
    assert 4 <= len(batches) <= 5


def test_a_batch_stays_within_the_command_line_limit() -> None:
    deep = [f"{'d' * 1000}/file_{i}.py" for i in range(1500)]
    batches = plan_batches(deep, dict.fromkeys(deep, 100))
    assert [t for b in batches for t in b] == deep
    assert all(sum(len(t) + 3 for t in b) <= 512 * 1024 for b in batches)
    assert len(batches) == 3
