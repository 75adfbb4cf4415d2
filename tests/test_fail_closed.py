"""Fail closed: an analyzer the configuration requires, or an input the user named, that cannot be
used stops the run with the exit code the README promises, never a quiet skip.

Driven through `pr-review run` against the loopback GitHub and `pr-review scan`, with real Semgrep.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import GitRepo
from fakes import FakeGitHub, fake_github_server
from github_scenario import FAST_CONFIG, build_scenario

pytestmark = pytest.mark.slow

NO_SEMGREP = "semgrep:\n  enabled: false\n"


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with fake_github_server() as server:
        yield server
        assert server.errors == []


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
