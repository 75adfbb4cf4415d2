"""A change no analyzer read is never "No findings": `pr-review scan` with the real Semgrep.

A NUL byte, a file padded past limits.max_file_bytes, code moved under vendor/ and a file Semgrep
cannot finish in time each leave the file listed, with the reason, and a high finding that
escalates; under `claude.on_failure: fail` the run cannot complete (exit 3).
"""

from __future__ import annotations

import io
import json
import math
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from conftest import GitRepo

from pr_review.cli import main

pytestmark = pytest.mark.slow

ENV = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
RULE = "pr-review.coverage.not-reviewed"

SQLI = """from flask import request


def search(conn):
    customer = request.args.get("customer", "")
    return conn.execute("SELECT id FROM invoices WHERE customer = '" + customer + "'").fetchall()
"""

EVAL_JS = "function run(location) {\n  return eval(location.hash.slice(1));\n}\n"


def scan(repo: GitRepo, base: str, tmp: Path, config: str = "", *extra: str) -> tuple[int, dict[str, Any], str]:
    config_path = tmp / "pr-review.yml"
    config_path.write_text(config or "fail_on: none\n", encoding="utf-8")
    out_dir = tmp / "out"
    argv = ["scan", str(repo.path), "--base", base, "--config", str(config_path), "--out", str(out_dir), *extra]
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(argv, environ=ENV)
    report = json.loads((out_dir / "findings.json").read_text(encoding="utf-8"))
    summary = (out_dir / "summary.md").read_text(encoding="utf-8")
    return code, report, summary


def unreviewed(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["location"]["path"]: f for f in report["findings"] if RULE in f["rule_ids"]}


def reasons(report: dict[str, Any], path: str) -> list[str]:
    return [n["reason"] for n in report["not_reviewed"] if n["path"] == path]


@pytest.fixture
def hidden(repo: GitRepo) -> str:
    """One change hiding code three ways, next to a lock file and an image nobody needs to read."""
    base = repo.commit({"README.md": "service\n", "app/__init__.py": ""}, "base")
    padded = SQLI + "#" + "x" * 6000 + "\n"
    repo.commit(
        {
            "static/run.js": "// build \x00 marker\n" + EVAL_JS,
            "app/search.py": padded,
            "vendor/acme/run.js": EVAL_JS,
            "package-lock.json": '{"lockfileVersion": 3}\n',
            "static/logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
            "app/ok.py": "def ok():\n    return 1\n",
        },
        "head",
    )
    return base


def test_unread_code_is_listed_and_escalated(repo: GitRepo, hidden: str, tmp_path: Path) -> None:
    code, report, summary = scan(repo, hidden, tmp_path, "fail_on: high\nlimits:\n  max_file_bytes: 4000\n")

    found = unreviewed(report)
    assert set(found) == {"static/run.js", "app/search.py", "vendor/acme/run.js"}
    assert all(f["severity"] == "high" for f in found.values())
    assert "NUL byte" in found["static/run.js"]["description"]
    assert "larger than limits.max_file_bytes" in found["app/search.py"]["description"]
    assert "excluded by paths.exclude pattern '**/vendor/**'" in found["vendor/acme/run.js"]["description"]
    assert found["app/search.py"]["in_diff"] is True  # commented inline on the file
    # Still listed with the reason; the lock file and the image are listed but not escalated.
    assert any("NUL byte" in r for r in reasons(report, "static/run.js"))
    assert reasons(report, "package-lock.json")
    assert "package-lock.json" not in found
    assert reasons(report, "static/logo.png") == ["binary file"]
    assert code == 1  # high findings under fail_on: high
    assert "No findings" not in summary
    assert "This changed file was not security-reviewed" in summary
    assert "3 changed text file(s) no analyzer read" in summary


def test_unread_code_fails_the_run_under_on_failure_fail(repo: GitRepo, hidden: str, tmp_path: Path) -> None:
    config = "claude:\n  on_failure: fail\nlimits:\n  max_file_bytes: 4000\n"
    code, report, summary = scan(repo, hidden, tmp_path, config)
    assert code == 3
    assert "review-coverage failed and is configured to fail the run: 3 changed text file(s)" in summary
    coverage = next(a for a in report["analyzers"] if a["name"] == "review-coverage")
    assert coverage["status"] == "failed"


def test_a_change_every_analyzer_read_has_no_coverage_finding(repo: GitRepo, tmp_path: Path) -> None:
    base = repo.commit({"app/__init__.py": ""}, "base")
    repo.commit({"app/search.py": SQLI}, "head")
    code, report, _ = scan(repo, base, tmp_path, "claude:\n  enabled: false\n  on_failure: fail\n")
    assert unreviewed(report) == {}
    assert code == 0
    coverage = next(a for a in report["analyzers"] if a["name"] == "review-coverage")
    assert coverage["status"] == "ok"


def test_one_slow_file_costs_semgrep_only_itself(repo: GitRepo, tmp_path: Path) -> None:
    """A file Semgrep cannot finish in time is listed; the other files keep their findings."""
    base = repo.commit({"app/__init__.py": ""}, "base")
    # The budget is a multiple of what Semgrep takes for the small file on this machine, now: the
    # small file fits its share (half the budget) on a slow machine, the large one does not fit what
    # is left (and its rules' own timeouts, a quarter of the budget each, come later) on a fast one.
    repo.commit({"app/search.py": SQLI}, "the small file alone")
    (tmp_path / "alone").mkdir()
    _, alone, _ = scan(repo, base, tmp_path / "alone")
    small_s = next(a["duration_s"] for a in alone["analyzers"] if a["name"] == "semgrep")
    budget_s = math.ceil(5 * small_s)
    block = "def f{n}(request, conn):\n    q = request.args.get('q{n}')\n    return conn.execute('SELECT ' + q)\n\n"
    slow = "".join(block.format(n=n) for n in range(10000))  # ~960 KB of taint-heavy code: minutes of Semgrep
    assert len(slow) < 1_000_000  # under limits.max_file_bytes: it is given to Semgrep
    repo.commit({"app/generated_queries.py": slow}, "head")

    code, report, _ = scan(repo, base, tmp_path, f"semgrep:\n  timeout_s: {budget_s}\n")

    sqli = [f for f in report["findings"] if "semgrep" in f["sources"] and f["location"]["path"] == "app/search.py"]
    assert any("CWE-89" in f["cwe"] for f in sqli)
    [reason] = reasons(report, "app/generated_queries.py")
    assert reason.startswith("semgrep did not finish this file within")
    assert "app/generated_queries.py" in unreviewed(report)
    semgrep = next(a for a in report["analyzers"] if a["name"] == "semgrep")
    assert semgrep["status"] == "ok"
    assert code == 0


def test_the_base_configuration_can_accept_an_unreviewed_path(repo: GitRepo, hidden: str, tmp_path: Path) -> None:
    config = (
        "limits:\n  max_file_bytes: 4000\nignore:\n  - rule: pr-review.coverage.not-reviewed\n"
        '    path: "vendor/**"\n    reason: vendored code is reviewed upstream\n'
    )
    _, report, _ = scan(repo, hidden, tmp_path, config)
    assert set(unreviewed(report)) == {"static/run.js", "app/search.py"}
    assert [s["finding"]["location"]["path"] for s in report["suppressed"]] == ["vendor/acme/run.js"]
