"""The files `--out DIR` writes: findings.json (report.schema.json), results.sarif (official SARIF
2.1.0 schema, GitHub code-scanning properties) and summary.md, from one real scan of the example."""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import DATA, EXAMPLE_DIFF, EXAMPLE_DIR

from pr_review.cli import main
from pr_review.validate import schema_errors

pytestmark = pytest.mark.slow

ENV = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
GITHUB_SECURITY_SEVERITY = {"critical": 9.0, "high": 7.0, "medium": 4.0, "low": 0.1}


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    out = tmp_path_factory.mktemp("out") / "nested" / "results"
    stdout = io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(io.StringIO()):
        code = main(
            ["scan", str(EXAMPLE_DIR), "--diff", str(EXAMPLE_DIFF), "--out", str(out), "--format", "sarif"],
            environ=ENV,
        )
    return out, code, stdout.getvalue()


@pytest.fixture(scope="module")
def report(out_dir: tuple[Path, int, str]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out_dir[0] / "findings.json").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def sarif(out_dir: tuple[Path, int, str]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out_dir[0] / "results.sarif").read_text(encoding="utf-8"))
    return loaded


def test_out_writes_the_three_files(out_dir: tuple[Path, int, str]) -> None:
    out, code, _ = out_dir
    assert code == 0
    assert {"findings.json", "results.sarif", "summary.md"} <= {p.name for p in out.iterdir()}


def test_stdout_sarif_is_the_written_sarif(out_dir: tuple[Path, int, str], sarif: dict[str, Any]) -> None:
    assert json.loads(out_dir[2]) == sarif


def test_findings_json_is_valid_against_the_report_schema(report: dict[str, Any]) -> None:
    assert schema_errors(report, "report.schema.json") == []
    for finding in report["findings"]:
        assert schema_errors(finding, "finding.schema.json") == []


def test_report_schema_rejects_a_broken_report(report: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(report))
    broken["findings"][0]["severity"] = "catastrophic"
    del broken["target"]
    errors = schema_errors(broken, "report.schema.json")
    assert any("catastrophic" in e for e in errors)
    assert any("target" in e for e in errors)


def test_findings_json_content(report: dict[str, Any]) -> None:
    assert report["target"]["head"] == EXAMPLE_DIFF.name
    assert set(report["counts"]) == {"critical", "high", "medium", "low", "info"}
    assert sum(report["counts"].values()) == len(report["findings"])
    assert report["fail_on"] == "none"
    assert report["failed_threshold"] is False
    sqli = next(f for f in report["findings"] if "CWE-89" in f["cwe"])
    assert sqli["location"] == {"path": "app/views.py", "start_line": 30, "end_line": 30}
    assert "conn.execute(query)" in sqli["evidence"]
    assert len(sqli["fingerprint"]) == 32
    assert len({f["fingerprint"] for f in report["findings"]}) == len(report["findings"])


def test_sarif_is_valid_against_the_official_schema(sarif: dict[str, Any]) -> None:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(sarif)]
    assert errors == []
    assert sarif["version"] == "2.1.0"


def test_official_schema_rejects_a_broken_sarif(sarif: dict[str, Any]) -> None:
    """The schema check above can fail: a result with a bad level is caught."""
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert not jsonschema.Draft4Validator(schema).is_valid(broken)


def test_sarif_results_have_fingerprints_and_locations(sarif: dict[str, Any], report: dict[str, Any]) -> None:
    run = sarif["runs"][0]
    results = run["results"]
    assert len(results) == len(report["findings"])
    by_fingerprint = {f["fingerprint"]: f for f in report["findings"]}
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for result in results:
        fingerprint = result["partialFingerprints"]["prReviewFingerprint/v1"]
        finding = by_fingerprint[fingerprint]
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == finding["location"]["path"]
        assert physical["region"]["startLine"] == finding["location"]["start_line"]
        expected_level = {"critical": "error", "high": "error", "medium": "warning"}.get(finding["severity"], "note")
        assert result["level"] == expected_level


def test_sarif_rules_carry_github_code_scanning_properties(sarif: dict[str, Any], report: dict[str, Any]) -> None:
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    sqli = rules["pr-review.python.sql-injection"]
    assert "external/cwe/cwe-89" in sqli["properties"]["tags"]
    assert "security" in sqli["properties"]["tags"]
    assert sqli["helpUri"].startswith("https://")
    for rule in rules.values():
        finding = next(f for f in report["findings"] if rule["id"] in f["rule_ids"])
        score = float(rule["properties"]["security-severity"])
        floor = GITHUB_SECURITY_SEVERITY.get(finding["severity"], 0.0)
        assert floor <= score <= 10.0, (rule["id"], finding["severity"], score)
        if finding["severity"] != "critical":
            assert score < 9.0


def test_sarif_lists_not_reviewed_and_analyzer_state(sarif: dict[str, Any]) -> None:
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == []


def test_summary_markdown(out_dir: tuple[Path, int, str], report: dict[str, Any]) -> None:
    summary = (out_dir[0] / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## pr-review security review")
    assert "`app/views.py:30`" in summary
    assert "[CWE-89](https://cwe.mitre.org/data/definitions/89.html)" in summary
    table_rows = [line for line in summary.splitlines() if line.startswith("| ") and "`app/" in line]
    assert len(table_rows) >= len(report["findings"])
    assert "| semgrep | ✅ ok |" in summary
