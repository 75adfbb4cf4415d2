"""`run --no-post` + `publish` ends as `run` does: the same exit code and the same summary comment,
through the CLI against the loopback GitHub (and Anthropic) fakes, the real Semgrep."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GitRepo
from fakes import AnthropicFault, FakeAnthropic, FakeGitHub, fake_anthropic_server, fake_github_server
from github_scenario import FAST_CONFIG, ReviewedChange, Scenario, build_scenario

pytestmark = pytest.mark.slow

CLAUDE_FAILS_CLOSED = FAST_CONFIG + "claude:\n  on_failure: fail\n  max_attempts: 1\n"
INCOMPLETE = "The review did not complete: claude failed and is configured to fail the run"


@pytest.fixture
def claude() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as server:
        server.inject(AnthropicFault.overloaded(), times=1000)  # Claude cannot run: on_failure says fail
        yield server


def _summary(fake: FakeGitHub) -> str:
    [comment] = [c for c in fake.issue_comments(7) if "<!-- pr-review:summary " in c["body"]]
    body: str = comment["body"]
    body = re.sub(r"\d+\.\ds\b", "N.Ns", body)  # two reviews take different times
    # Only a posting run keeps incremental review state (publish has none to keep).
    body = re.sub(r" state=[0-9A-Za-z+/=.]+", "", body)
    # Each command ends its own audit trail, so each summary names a different chain head.
    return re.sub(r" audit-head=[0-9a-f]{64}", " audit-head=HEAD", body)


def _run_then_publish(
    repo: GitRepo, tmp: Path, config: str, run_args: tuple[str, ...], publish_args: tuple[str, ...], **env: str
) -> tuple[tuple[int, str], tuple[int, str]]:
    """(exit, summary) of `run` posting itself, and of `run --no-post` published by `publish`."""
    for directory in ("run", "publish"):
        (tmp / directory).mkdir()
    with fake_github_server() as fake_run, fake_github_server() as fake_publish:
        scenario = build_scenario(fake_run, repo, tmp / "run", base_config=config)
        unposted = scenario.run("--no-post", *run_args, **env)
        assert fake_run.issue_comments(7) == []
        reviewed = ReviewedChange(repo, scenario.base_sha, scenario.head_sha, scenario.git_diff(), scenario.results)
        published: Scenario = reviewed.serve(fake_publish, tmp / "publish", config=config)
        publish_exit = published.publish("--pr", "7", *publish_args)
        run_exit = scenario.run(*run_args, **env)
        assert unposted == run_exit
        assert fake_run.errors == []
        assert fake_publish.errors == []
        return (run_exit, _summary(fake_run)), (publish_exit, _summary(fake_publish))


def test_an_incomplete_review_exits_3_under_publish_as_under_run(
    repo: GitRepo, tmp_path: Path, claude: FakeAnthropic
) -> None:
    """A fail-closed analyzer that failed: `publish` used to exit 0 and drop the warning."""
    run, publish = _run_then_publish(
        repo, tmp_path, CLAUDE_FAILS_CLOSED, (), (), ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url
    )

    assert run[0] == publish[0] == 3
    assert INCOMPLETE in run[1]
    assert publish[1] == run[1]


def test_a_fail_on_flag_given_to_run_only_still_decides_publish(repo: GitRepo, tmp_path: Path) -> None:
    """The untrusted job's `--fail-on high` is kept by a publish job without the flag (it can only
    tighten what the base configuration says, never loosen it)."""
    run, publish = _run_then_publish(repo, tmp_path, FAST_CONFIG, ("--fail-on", "high"), ())

    assert run[0] == publish[0] == 1
    assert "at or above `fail_on: high`" in run[1]
    assert publish[1] == run[1]
