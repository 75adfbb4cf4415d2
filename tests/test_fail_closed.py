"""Fail closed: an analyzer the configuration requires, or an input the user named, that cannot be
used stops the run with the exit code the README promises, never a quiet skip.

Driven through `pr-review run` against the loopback GitHub and `pr-review scan`, with real Semgrep.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, GitRepo
from fakes import FakeGitHub
from github_scenario import FAST_CONFIG, build_scenario

from pr_review.cli import main

pytestmark = pytest.mark.slow

NO_SEMGREP = "semgrep:\n  enabled: false\n"
ZAP_REPORTS = DATA / "zap"
ENV = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}


def _audit_events(results: Path) -> list[dict[str, Any]]:
    lines = (results / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_claude_without_a_key_fails_the_run_under_on_failure_fail(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    """The Dependabot / fork / expired-secret case: no ANTHROPIC_API_KEY reaches the job."""
    config = FAST_CONFIG + "claude:\n  on_failure: fail\n"
    scenario = build_scenario(fake, repo, tmp_path, base_config=config)

    assert scenario.run() == 3

    reason = "could not run: no API key (ANTHROPIC_API_KEY is not set)"
    summary_md = (scenario.results / "summary.md").read_text(encoding="utf-8")
    assert "The review did not complete: claude failed and is configured to fail the run" in summary_md
    assert reason in summary_md
    [comment] = scenario.summaries()
    assert reason in comment["body"]
    assert reason in scenario.summary_path.read_text(encoding="utf-8")  # the Actions job summary
    errors = [e for e in _audit_events(scenario.results) if e["event"] == "error"]
    assert any(e["data"]["stage"] == "analyzer:claude" and reason in e["data"]["message"] for e in errors)
    finished = [e for e in _audit_events(scenario.results) if e["event"] == "run_finished"]
    assert finished[-1]["data"]["exit_code"] == 3


def test_claude_without_a_key_is_only_skipped_under_on_failure_continue(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    scenario = build_scenario(fake, repo, tmp_path)
    assert scenario.run() == 0
    claude = next(a for a in json.loads((scenario.results / "findings.json").read_text())["analyzers"])
    assert (claude["name"], claude["status"]) == ("claude", "skipped")


@pytest.mark.parametrize(
    ("report", "message"),
    [
        ("does-not-exist.json", "ZAP report {path}: no such file"),
        ("sarif.json", "not a ZAP traditional JSON report: this is a SARIF report"),
        ("truncated.json", "not valid JSON (truncated?)"),
    ],
)
def test_an_unusable_zap_report_is_a_usage_error(
    fake: FakeGitHub,
    repo: GitRepo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    report: str,
    message: str,
) -> None:
    scenario = build_scenario(fake, repo, tmp_path, base_config=FAST_CONFIG + NO_SEMGREP)
    path = ZAP_REPORTS / report

    assert scenario.run("--zap-report", str(path)) == 2

    err = capsys.readouterr().err
    assert f"error: ZAP: {message.format(path=path)}" in err
    assert fake.issue_comments(7) == []  # nothing posted for a run that never reviewed
    finished = [e for e in _audit_events(scenario.results) if e["event"] == "run_finished"]
    assert finished[-1]["data"]["exit_code"] == 2


def test_a_base_rule_file_semgrep_rejects_is_exit_2_naming_it(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_rule = "rules:\n  - id: no-message\n    languages: [python]\n    severity: ERROR\n    pattern: eval($X)\n"
    base = repo.commit(
        {
            ".github/pr-review.yml": "semgrep:\n  config: [bundled, rules/custom.yaml]\n",
            "rules/custom.yaml": bad_rule,
            "app/__init__.py": "",
        },
        "base",
    )
    repo.commit({"app/views.py": "def view(x):\n    return eval(x)\n"}, "head")

    assert main(["scan", str(repo.path), "--base", base], environ=ENV) == 2

    err = capsys.readouterr().err
    assert "error: semgrep.config: Semgrep cannot load the rules: rules/custom.yaml:2: " in err
    assert "One of these properties is missing: 'message'" in err
    assert "/tmp/" not in err  # the repository's path, not where the base version was copied
