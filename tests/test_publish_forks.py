"""Issue 16 §1: `pr-review publish` finds the pull request of a fork, for which GitHub's
`workflow_run.pull_requests` is empty, from the triggering run itself (never from the uploaded
results), refuses to guess, posts stale results as a summary only, and runs under `pull_request`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GitRepo
from fakes import FakeGitHub, fake_github_server
from github_scenario import ReviewedChange, Scenario, finding_rows, inline_comments, review_once


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> ReviewedChange:
    with fake_github_server() as fake:
        return review_once(fake, GitRepo(tmp_path_factory.mktemp("repo")), tmp_path_factory.mktemp("run"))


def from_fork(reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path) -> Scenario:
    """Pull request #7 from mallory's fork, and #3, open, from another branch of octo/app."""
    fake.add_pull(3, head_sha="3" * 40, base_sha=reviewed.base_sha, head_ref="docs")
    return reviewed.serve(fake, tmp_path, head_repo="mallory/app", head_ref="feature")


def publish_fork_run(scenario: Scenario, *args: str, head_sha: str | None = None, fork: str = "mallory") -> int:
    event = scenario.workflow_run_event_path(fork=fork, head_sha=head_sha)
    return scenario.publish(*args, GITHUB_EVENT_NAME="workflow_run", GITHUB_EVENT_PATH=str(event))


def writes(fake: FakeGitHub) -> list[str]:
    return [f"{r.method} {r.path}" for r in fake.requests if r.method != "GET"]


def test_a_fork_pull_request_is_found_by_the_triggering_runs_head(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    scenario = from_fork(reviewed, fake, tmp_path)
    assert (
        json.loads(scenario.workflow_run_event_path(fork="mallory").read_text())["workflow_run"]["pull_requests"] == []
    )

    assert publish_fork_run(scenario) == 0

    [review] = fake.reviews(7)
    assert review["commit_id"] == scenario.head_sha
    assert inline_comments(fake) == scenario.expected_inline()
    assert len(scenario.summaries()) == 1
    assert fake.issue_comments(3) == []
    assert fake.reviews(3) == []
    # Found through the list of open pull requests, narrowed to the fork's branch.
    [listing] = fake.requests_matching("GET", r"/repos/octo/app/pulls$")
    assert listing.query["state"] == ["open"]
    assert listing.query["head"] == ["mallory:feature"]


def test_two_forks_with_the_same_head_commit_are_told_apart_by_the_head_label(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    """eve opened #8 from her fork with the very same commit: the run was mallory's."""
    scenario = from_fork(reviewed, fake, tmp_path)
    fake.add_pull(8, diff=reviewed.diff, head_sha=reviewed.head_sha, base_sha=reviewed.base_sha, head_repo="eve/app")

    assert publish_fork_run(scenario) == 0

    assert len(fake.reviews(7)) == 1
    assert len(scenario.summaries()) == 1
    assert fake.reviews(8) == []
    assert fake.issue_comments(8) == []


def test_no_open_pull_request_at_the_runs_head_is_a_usage_error(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fork was pushed again (or the pull request closed) after the run: nothing to publish to."""
    scenario = from_fork(reviewed, fake, tmp_path)

    assert publish_fork_run(scenario, head_sha="f" * 40) == 2

    err = capsys.readouterr().err
    assert "no open pull request from mallory:feature has the triggering run's head commit ffffffffffff" in err
    assert "Traceback" not in err
    assert writes(fake) == []


def test_pr_flag_must_name_the_pull_request_the_triggering_run_reviewed(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = from_fork(reviewed, fake, tmp_path)

    assert publish_fork_run(scenario, "--pr", "3") == 2

    err = capsys.readouterr().err
    assert f"pull request #3 is at 333333333333, the triggering run was for {reviewed.head_sha[:12]}" in err
    assert writes(fake) == []
    assert publish_fork_run(scenario, "--pr", "7") == 0
    assert len(fake.reviews(7)) == 1


def test_results_for_another_commit_are_posted_as_a_stale_summary_only(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The uploaded results name another head than the pull request's (an older push, or a job that
    ran the PR's code wrote what it liked): their lines cannot be trusted to match, so no inline
    comment, and the summary, the job summary and the log say why."""
    scenario = from_fork(reviewed, fake, tmp_path)
    path = scenario.results / "findings.json"
    document = json.loads(path.read_text())
    document["target"]["head"] = reviewed.base_sha
    path.write_text(json.dumps(document))

    assert publish_fork_run(scenario) == 0

    notice = f"these results are stale: they are for commit {reviewed.base_sha[:12]}, the pull request is now at"
    assert notice in capsys.readouterr().err
    assert notice in scenario.summary_path.read_text()
    assert fake.reviews(7) == []
    assert fake.review_comments(7) == []
    [summary] = scenario.summaries()
    assert "⚠️ **Stale:** " + notice in summary["body"]
    rows = finding_rows(summary["body"])
    assert len(rows) == len(scenario.findings())
    assert all(row.endswith("| in the summary: the results are stale |") for row in rows)


def test_publish_under_a_pull_request_event_posts_to_the_events_pull_request(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two jobs in one workflow: the review without write permissions, then the posting job."""
    scenario = from_fork(reviewed, fake, tmp_path)

    assert scenario.publish("--pr", "3") == 2
    assert "--pr 3 is not this pull_request event's pull request #7" in capsys.readouterr().err
    assert writes(fake) == []

    assert scenario.publish() == 0

    [review] = fake.reviews(7)
    assert review["commit_id"] == scenario.head_sha
    assert inline_comments(fake) == scenario.expected_inline()
    assert len(scenario.summaries()) == 1


def test_a_run_that_names_no_branch_and_two_pull_requests_at_its_head_is_refused(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No head label to narrow by, and GitHub's `pull_requests` lists only a pull request of the fork
    itself (its #7 is not ours): two open pull requests here have the run's head, so none is guessed."""
    scenario = from_fork(reviewed, fake, tmp_path)
    fake.add_pull(8, diff=reviewed.diff, head_sha=reviewed.head_sha, base_sha=reviewed.base_sha, head_repo="eve/app")
    event = tmp_path / "event-without-label.json"
    foreign = {"number": 1, "base": {"repo": {"url": f"{fake.url}/repos/mallory/app"}}}
    payload = {"workflow_run": {"event": "pull_request", "head_sha": reviewed.head_sha, "pull_requests": [foreign]}}
    event.write_text(json.dumps(payload))

    assert scenario.publish(GITHUB_EVENT_NAME="workflow_run", GITHUB_EVENT_PATH=str(event)) == 2

    err = capsys.readouterr().err
    assert f"open pull requests #8, #7 all have head commit {reviewed.head_sha[:12]}" in err
    assert "pass --pr N" in err
    assert writes(fake) == []
