"""`pr-review scan` as a user runs it: exit codes, each output format, failures that stay visible.

Real semgrep runs (~2 s each) are shared through module-scoped fixtures.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import DATA, EXAMPLE_DIFF, EXAMPLE_DIR, GitRepo, Run, run_main

from pr_review.audit_verify import verify
from pr_review.validate import schema_errors

pytestmark = pytest.mark.slow

# The process environment (semgrep needs PATH and HOME), without an Anthropic key: Claude is skipped.
ENV = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
EXAMPLE = ["scan", str(EXAMPLE_DIR), "--diff", str(EXAMPLE_DIFF)]
CONSOLE_SCRIPT = Path(sys.executable).with_name("pr-review")

SQLI = """from flask import request


def search(conn):
    customer = request.args.get("customer", "")
    query = "SELECT id FROM invoices WHERE customer = '" + customer + "'"
    return conn.execute(query).fetchall()
"""


def scan(argv: Sequence[str], environ: dict[str, str] | None = None) -> Run:
    return run_main(argv, ENV if environ is None else environ)


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


def analyzer(report: dict[str, Any], name: str) -> dict[str, Any]:
    return next(a for a in report["analyzers"] if a["name"] == name)


@pytest.fixture(scope="module")
def example_json(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The installed `pr-review` console script, as a subprocess: JSON on stdout."""
    completed = subprocess.run(
        [str(CONSOLE_SCRIPT), *EXAMPLE, "--format", "json", "--fail-on", "critical"],
        capture_output=True,
        env=ENV,
        cwd=tmp_path_factory.mktemp("cwd"),
        timeout=120,
        check=False,
    )
    return Run(completed.returncode, completed.stdout.decode(), completed.stderr.decode())


@pytest.fixture(scope="module")
def example_text() -> Run:
    return scan(EXAMPLE)


def test_json_report_is_valid_and_has_the_sql_injection(example_json: Run) -> None:
    assert example_json.code == 1, example_json.err  # critical findings, --fail-on critical
    assert "Traceback" not in example_json.err
    report = example_json.json()
    assert schema_errors(report, "report.schema.json") == []
    sqli = [f for f in report["findings"] if "CWE-89" in f["cwe"]]
    assert len(sqli) == 1
    assert sqli[0]["location"] == {"path": "app/views.py", "start_line": 30, "end_line": 30}
    assert "semgrep" in sqli[0]["sources"]
    assert sqli[0]["rule_ids"] == ["pr-review.python.sql-injection"]
    assert sqli[0]["in_diff"] is True
    assert sqli[0]["severity"] in {"high", "critical"}


def test_json_report_lists_the_expected_vulnerabilities(example_json: Run) -> None:
    found = {
        (f["location"]["path"], f["location"]["start_line"], cwe)
        for f in example_json.json()["findings"]
        for cwe in f["cwe"]
    }
    assert {
        ("app/views.py", 30, "CWE-89"),
        ("app/views.py", 37, "CWE-78"),
        ("app/views.py", 43, "CWE-502"),
        ("app/views.py", 49, "CWE-295"),
        ("app/settings.py", 10, "CWE-916"),
        ("app/settings.py", 6, "CWE-798"),
    } <= found


def test_claude_is_skipped_without_a_key(example_json: Run, example_text: Run) -> None:
    claude = analyzer(example_json.json(), "claude")
    assert claude["status"] == "skipped"
    assert "ANTHROPIC_API_KEY" in claude["detail"]
    assert re.search(r"^claude: skipped .*ANTHROPIC_API_KEY", example_text.out, re.MULTILINE)


def test_text_output_groups_findings_by_file(example_text: Run) -> None:
    assert example_text.code == 0
    lines = example_text.out.splitlines()
    headers = [i for i, line in enumerate(lines) if line in {"app/settings.py", "app/views.py"}]
    assert [lines[i] for i in headers] == ["app/settings.py", "app/views.py"]
    views_block = "\n".join(lines[headers[1] :])
    settings_block = "\n".join(lines[headers[0] : headers[1]])
    assert re.search(r"(CRITICAL|HIGH)\s+line 30\s+User input reaches a raw SQL string", views_block)
    assert "line 30" not in settings_block
    assert re.search(r"HIGH\s+line 10 .*CWE-916", settings_block)
    assert "pr-review.python.sql-injection" in views_block
    assert re.search(r"^semgrep: ok", example_text.out, re.MULTILINE)
    assert re.search(r"^\d+ finding\(s\): .*critical", example_text.out, re.MULTILINE)
    # Progress goes to stderr, results to stdout.
    assert "pr-review: running" in example_text.err
    assert "pr-review: running" not in example_text.out


def test_markdown_output_and_fail_on_high_exits_1() -> None:
    run = scan([*EXAMPLE, "--format", "markdown", "--fail-on", "high"])
    assert run.code == 1
    assert run.out.startswith("## pr-review security review")
    assert re.search(r"^\| .*critical \| User input reaches a raw SQL string.* \| `app/views.py:30` \|", run.out, re.M)
    assert "[CWE-89](https://cwe.mitre.org/data/definitions/89.html)" in run.out
    assert "at or above `fail_on: high`" in run.out
    assert re.search(r"^\| claude \| .* skipped \| no API key", run.out, re.MULTILINE)


def test_console_script_version() -> None:
    completed = subprocess.run([str(CONSOLE_SCRIPT), "--version"], capture_output=True, timeout=60, check=True)
    assert re.fullmatch(rb"pr-review \d+\.\d+\S*\n", completed.stdout)


def _check_nothing_to_review(run: Run, out: Path) -> None:
    """Every output says there was nothing to review: a schema-valid findings.json, a valid SARIF with
    an empty run, a summary that says so, an intact audit trail."""
    assert run.code == 0
    assert "no changes to review" in run.err
    report = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert schema_errors(report, "report.schema.json") == []
    assert (report["findings"], report["reviewed_files"], report["not_reviewed"], report["exit_code"]) == (
        [],
        [],
        [],
        0,
    )
    sarif = json.loads((out / "results.sarif").read_text(encoding="utf-8"))
    sarif_validator().validate(sarif)
    [sarif_run] = sarif["runs"]
    assert sarif_run["results"] == []
    assert sarif_run["invocations"][0]["executionSuccessful"] is True
    assert "**Nothing to review: the change has no differences.**" in (out / "summary.md").read_text()
    assert verify(out / "audit.jsonl").ok


def test_empty_diff_has_nothing_to_review(tmp_path: Path) -> None:
    empty = tmp_path / "empty.diff"
    empty.write_text("")
    out = tmp_path / "out"

    run = scan(["scan", "--diff", str(empty), "--fail-on", "low", "--out", str(out), "--format", "sarif"])

    _check_nothing_to_review(run, out)
    assert run.json() == json.loads((out / "results.sarif").read_text(encoding="utf-8"))


def test_no_changes_between_refs(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit({"a.py": "a = 1\n"})
    out = tmp_path / "out"

    run = scan(["scan", str(repo.path), "--base", "HEAD", "--format", "json", "--out", str(out)])

    _check_nothing_to_review(run, out)
    assert run.json()["findings"] == []
    assert schema_errors(run.json(), "report.schema.json") == []
    text = scan(["scan", str(repo.path), "--base", "HEAD"])
    assert "Nothing to review: the change has no differences." in text.out


def test_usage_errors_exit_2_with_a_hint() -> None:
    run = scan(["scan", "--format", "yaml"])
    assert run.code == 2
    assert "invalid choice: 'yaml'" in run.err
    assert "hint: see `pr-review" in run.err


def _check_failed_semgrep(run: Run, out_dir: Path, message: str) -> dict[str, Any]:
    report = json.loads((out_dir / "findings.json").read_text())
    assert schema_errors(report, "report.schema.json") == []
    semgrep = analyzer(report, "semgrep")
    assert semgrep["status"] == "failed"
    assert message in semgrep["detail"]
    assert message in run.err  # the failure is shown, never swallowed
    sarif = json.loads((out_dir / "results.sarif").read_text())
    assert list(sarif_validator().iter_errors(sarif)) == []
    notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any(message in n["message"]["text"] for n in notifications)
    # Claude is skipped (no key) and ZAP not configured: with Semgrep failed, nothing reviewed the
    # code (the secrets and integrity checks alone are not a review), so the run could not complete.
    assert analyzer(report, "claude")["status"] == "skipped"
    assert run.code == 3
    assert "no analyzer could review the code" in run.err
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False
    return report


def test_semgrep_timeout_is_a_failed_analyzer(tmp_path: Path) -> None:
    config = tmp_path / "pr-review.yml"
    config.write_text("semgrep:\n  timeout_s: 0.001\n")
    out_dir = tmp_path / "out"
    run = scan([*EXAMPLE, "--config", str(config), "--out", str(out_dir)])
    report = _check_failed_semgrep(run, out_dir, "semgrep timed out: no file was scanned within semgrep.timeout_s")
    reasons = {n["path"]: n["reason"] for n in report["not_reviewed"] if n.get("analyzer") == "semgrep"}
    assert set(reasons) == {"app/views.py", "app/settings.py"}


def test_invalid_rule_file_is_a_configuration_error_naming_the_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: no-message\n    languages: [python]\n    severity: ERROR\n    pattern: eval($X)\n"
    )
    out_dir = tmp_path / "out"
    run = scan([*EXAMPLE, "--semgrep-config", str(rules), "--out", str(out_dir)])
    assert run.code == 2
    # The file, the line and Semgrep's own words: the missing property.
    assert f"error: semgrep.config: Semgrep cannot load the rules: {rules}:2: " in run.err
    assert "One of these properties is missing: 'message'" in run.err
    assert not (out_dir / "findings.json").exists()


def test_unparseable_rule_file_is_a_configuration_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: [\n  - id: x\n")
    run = scan([*EXAMPLE, "--semgrep-config", str(rules)])
    assert run.code == 2
    assert f"Invalid YAML file {rules}" in run.err


def test_missing_rule_file_is_a_configuration_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    run = scan([*EXAMPLE, "--semgrep-config", str(missing)])
    assert run.code == 2
    assert f"unable to find a config; path `{missing}` does not exist" in run.err


def test_fingerprint_survives_unrelated_lines_inserted_above(repo: GitRepo) -> None:
    base = repo.commit({"app/__init__.py": ""}, "base")
    first = repo.commit({"app/search.py": SQLI}, "add search")
    padded = SQLI.replace(
        "\n\ndef search", "\nimport logging\nimport os\n\nLOG = logging.getLogger(__name__)\n\n\ndef search"
    )
    second = repo.commit({"app/search.py": padded}, "unrelated lines above")
    third = repo.commit({"app/search.py": padded.replace("fetchall()", "fetchmany(10)")}, "the flagged line changes")

    def sqli(head: str) -> dict[str, Any]:
        run = scan(["scan", str(repo.path), "--base", base, "--head", head, "--format", "json"])
        return next(f for f in run.json()["findings"] if "CWE-89" in f["cwe"])

    before, after, changed = sqli(first), sqli(second), sqli(third)
    assert after["location"]["start_line"] == before["location"]["start_line"] + 5
    assert after["fingerprint"] == before["fingerprint"]
    assert changed["fingerprint"] != before["fingerprint"]


def test_sarif_partial_fingerprints_are_stable_across_runs(repo: GitRepo) -> None:
    """Code scanning tracks an alert by partialFingerprints: an unrelated line inserted above the
    finding moves it, and the alert must stay the same one (not closed and reopened as new)."""
    base = repo.commit({"app/__init__.py": ""}, "base")
    first = repo.commit({"app/search.py": SQLI}, "add search")
    second = repo.commit({"app/search.py": "import logging\n" + SQLI}, "an unrelated line above")

    def results(head: str) -> dict[str, dict[str, Any]]:
        sarif = scan(["scan", str(repo.path), "--base", base, "--head", head, "--format", "sarif"]).json()
        assert list(sarif_validator().iter_errors(sarif)) == []
        return {result["ruleId"]: result for result in sarif["runs"][0]["results"]}

    before, after = results(first), results(second)
    sqli = next(rule for rule in before if "sql-injection" in rule)
    line = before[sqli]["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert after[sqli]["locations"][0]["physicalLocation"]["region"]["startLine"] == line + 1
    assert before.keys() == after.keys()
    for rule, result in before.items():
        assert result["partialFingerprints"], rule
        assert after[rule]["partialFingerprints"] == result["partialFingerprints"], rule
