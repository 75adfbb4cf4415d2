"""`pr-review run` against the loopback GitHub: the real PyGithub, the real Semgrep."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GitRepo
from fakes import FakeGitHub, fake_github_server
from github_scenario import Scenario, build_scenario

from pr_review.cli import main


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with fake_github_server() as server:
        yield server


@pytest.fixture
def scenario(fake: FakeGitHub, repo: GitRepo, tmp_path: Path) -> Scenario:
    return build_scenario(fake, repo, tmp_path)


def run(scenario: Scenario, *args: str, **env: str) -> int:
    return main(["run", "--out", str(scenario.tmp / "results"), *args], environ=scenario.environ(**env))


def test_first_run_posts_one_review_a_summary_and_the_label(scenario: Scenario, fake: FakeGitHub) -> None:
    assert run(scenario) == 0
    reviews = fake.reviews(7)
    assert len(reviews) == 1
    assert reviews[0]["state"] == "COMMENTED"
    comments = fake.review_comments(7)
    by_line = {(c["path"], c["line"]): c["body"] for c in comments}
    assert "CWE-89" in by_line[("app/views.py", 30)]
    assert "<!-- pr-review:fingerprint=" in by_line[("app/views.py", 30)]
    summaries = [c for c in fake.issue_comments(7) if "<!-- pr-review:summary -->" in c["body"]]
    assert len(summaries) == 1
    assert "security-escalation" in fake.labels(7)
    assert scenario.outputs()["escalated"] == "true"
    assert "pr-review security review" in scenario.summary_path.read_text()
