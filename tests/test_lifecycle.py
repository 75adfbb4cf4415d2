"""One review lifecycle for scan, run and publish: every reporter gets the same final outcome, the
leak guard included, whether or not anything is posted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from claude_support import finding
from conftest import GitRepo
from fakes import FakeGitHub, fake_anthropic_server, fake_github_server
from github_scenario import Scenario, review_once

from pr_review.cli import main

# A token shape the output guard knows, quoted by the model: it is not in the change, so only the
# guard, the pipeline's last stage, can keep it out of the outputs.
QUOTED_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def _audit_events(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _leaks_in_views(trail: Path) -> list[dict[str, Any]]:
    return [
        e["data"]
        for e in _audit_events(trail)
        if e["event"] == "anomaly" and e["data"]["kind"] == "output-leak" and e["data"]["path"] == "app/views.py"
    ]


def test_a_run_that_posts_nothing_still_guards_every_output(scenario: Scenario, fake: FakeGitHub) -> None:
    with fake_anthropic_server() as claude:
        claude.default_tool_input = {
            "findings": [finding("app/views.py", 30, description=f"The deploy token {QUOTED_TOKEN} is exposed.")]
        }
        scenario.run("--no-post", ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url)

    for name in ("findings.json", "results.sarif", "summary.md"):
        assert QUOTED_TOKEN not in (scenario.results / name).read_text(encoding="utf-8"), name
    assert QUOTED_TOKEN not in scenario.summary_path.read_text(encoding="utf-8")
    findings = json.loads((scenario.results / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert any("ghp_****" in f["description"] for f in findings)
    assert _leaks_in_views(scenario.results / "audit.jsonl") == [
        {"kind": "output-leak", "detail": "description: output contained github-token (masked)", "path": "app/views.py"}
    ]


def test_a_posting_run_writes_the_outcome_it_posted(scenario: Scenario, fake: FakeGitHub) -> None:
    with fake_anthropic_server() as claude:
        claude.default_tool_input = {
            "findings": [finding("app/views.py", 30, description=f"The deploy token {QUOTED_TOKEN} is exposed.")]
        }
        scenario.run(ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url)

    posted = "\n".join(c["body"] for c in fake.review_comments(7))
    assert "ghp_****" in posted
    assert QUOTED_TOKEN not in posted
    written = (scenario.results / "findings.json").read_text(encoding="utf-8")
    assert "ghp_****" in written
    assert QUOTED_TOKEN not in written
    events = _audit_events(scenario.results / "audit.jsonl")
    assert [e["event"] for e in events].count("run_finished") == 1
    assert len(_leaks_in_views(scenario.results / "audit.jsonl")) == 1


def test_a_local_scan_prints_the_guarded_outcome(scenario: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    with fake_anthropic_server() as claude:
        claude.default_tool_input = {
            "findings": [finding("app/views.py", 30, description=f"The deploy token {QUOTED_TOKEN} is exposed.")]
        }
        args = ["scan", str(scenario.repo.path), "--base", scenario.base_sha, "--head", scenario.head_sha]
        environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": claude.url, "PATH": "/usr/bin:/bin"}
        main([*args, "--format", "json", "--out", str(scenario.tmp / "out")], environ=environ)

    printed = capsys.readouterr().out
    assert "ghp_****" in printed
    assert QUOTED_TOKEN not in printed
    assert len(_leaks_in_views(scenario.tmp / "out" / "audit.jsonl")) == 1


def test_run_reads_the_repository_and_the_pull_request_once(scenario: Scenario, fake: FakeGitHub) -> None:
    assert scenario.run() == 0

    assert len(fake.requests_matching("GET", r"/repos/octo/app")) == 1
    assert len(fake.requests_matching("GET", r"/repos/octo/app/pulls/7")) == 1


def test_publish_reads_the_repository_and_the_pull_request_once(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    (tmp_path / "run").mkdir()
    with fake_github_server() as first:
        reviewed = review_once(first, repo, tmp_path / "run")
    scenario = reviewed.serve(fake, tmp_path)

    assert scenario.publish("--pr", "7") == 0

    assert len(fake.requests_matching("GET", r"/repos/octo/app")) == 1
    assert len(fake.requests_matching("GET", r"/repos/octo/app/pulls/7")) == 1
    assert scenario.summaries(), "posted through the client configured from the base's config"
