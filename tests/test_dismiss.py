"""Reviewer dismissals (`/pr-review dismiss <reason>` on a finding's thread) and suppressions added
by a pull request, against the loopback GitHub with the real PyGithub.

The example change is reviewed once (`run --no-post`, real Semgrep); each test publishes those
results to a fresh fake, so only the issue-9 test runs Semgrep again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GitRepo
from fakes import FakeGitHub, fake_github_server
from github_scenario import (
    BASE_VIEWS,
    FAST_CONFIG,
    ReviewedChange,
    Scenario,
    build_scenario,
    example_views,
    review_once,
)

from pr_review.triage.dismiss import DismissRequest, decide, parse_dismiss
from pr_review.triage.model import NoteKind
from pr_review.triage.suppress import NEEDS_APPROVAL

SQL_RULE = "pr-review.python.sql-injection"
COMMAND_RULE = "pr-review.python.command-injection"


def test_parse_dismiss() -> None:
    assert parse_dismiss("/pr-review dismiss constant query, not user input") == "constant query, not user input"
    assert parse_dismiss("Thanks!\n  /pr-review dismiss   test fixture only  \nbye") == "test fixture only"
    assert parse_dismiss("/pr-review dismiss") == ""
    assert parse_dismiss("please /pr-review dismiss this") is None  # the command starts a line
    assert parse_dismiss("/pr-review dismissed it") is None


def test_decide_checks_reason_author_and_permission() -> None:
    permissions = {"alice": "write", "maria": "maintain", "bob": "read"}
    asked: list[str] = []

    def permission_of(login: str) -> str:
        asked.append(login)
        return permissions.get(login, "none")

    requests = [
        DismissRequest("a" * 16, "bob", "looks fine", 1, 100),
        DismissRequest("a" * 16, "alice", "constant query", 2, 100),
        DismissRequest("a" * 16, "maria", "later one loses", 3, 100),
        DismissRequest("b" * 16, "mallory", "my own code", 4, 100),
        DismissRequest("c" * 16, "alice", "", 5, 100),
        DismissRequest("d" * 16, "alice", "not a current finding", 6, 100),
    ]
    accepted, notes = decide(
        requests,
        current=["a" * 16, "b" * 16, "c" * 16],
        author="Mallory",
        author_can_dismiss=False,
        permission_of=permission_of,
    )
    assert {fp: r.login for fp, r in accepted.items()} == {"a" * 16: "alice"}
    assert [n.kind for n in notes] == [NoteKind.REFUSED] * 3
    assert [n.message.split(" ignored: ")[1] for n in notes] == [
        "no write access",
        "the pull request's author cannot dismiss findings on it",
        "a reason is required (`/pr-review dismiss <reason>`)",
    ]
    assert asked == ["bob", "alice"]  # once per login, only when needed

    accepted, _ = decide(
        requests[3:4],
        current=["b" * 16],
        author="mallory",
        author_can_dismiss=True,
        permission_of=lambda login: "write",
    )
    assert list(accepted) == ["b" * 16]


# ----------------------------------------------------------------------------- against the fake


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> ReviewedChange:
    root = tmp_path_factory.mktemp("reviewed")
    (root / "repo").mkdir()
    with fake_github_server() as fake:
        return review_once(fake, GitRepo(root / "repo"), root)


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with fake_github_server(collaborators={"alice": "write", "bob": "read"}) as server:
        yield server
        assert server.errors == []


def thread_of(fake: FakeGitHub, rule: str) -> dict[str, object]:
    return next(c for c in fake.review_comments(7) if f"`{rule}`" in c["body"] and "in_reply_to_id" not in c)


def reply(fake: FakeGitHub, rule: str, body: str, user: str) -> None:
    root = thread_of(fake, rule)
    fake.add_review_comment(
        7,
        path=str(root["path"]),
        line=int(str(root["line"])),
        body=body,
        user=user,
        in_reply_to_id=int(str(root["id"])),
    )


def summary(scenario: Scenario) -> str:
    [comment] = scenario.summaries()
    return str(comment["body"])


def test_dismissal_by_a_writer_is_applied_and_keeps_the_job_green(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    scenario = reviewed.serve(fake, tmp_path)
    assert scenario.publish("--pr", "7", "--fail-on", "critical") == 1  # SQL and command injection are critical
    posted = len(fake.review_comments(7))
    sql = scenario.fingerprint("CWE-89")
    reply(fake, SQL_RULE, "/pr-review dismiss the query is built from a constant allow-list", "alice")
    reply(fake, COMMAND_RULE, "/pr-review dismiss admin-only endpoint behind VPN", "alice")

    assert scenario.publish("--pr", "7", "--fail-on", "critical") == 0  # what is dismissed does not fail the job
    assert len(fake.review_comments(7)) == posted + 2  # nothing re-posted, no reply added by us
    body = summary(scenario)
    assert "2 dismissed" in body
    assert "### Dismissed by a reviewer (2)" in body
    row = next(line for line in body.splitlines() if "the query is built from a constant allow-list" in line)
    assert "| dismissed | alice |" in row
    findings_rows = [line for line in body.splitlines() if line.startswith("| 🟥 critical")]
    assert all("| dismissed |" in line for line in findings_rows)  # no critical left in the findings table
    assert "Resolved since the last run" not in body
    assert fake.labels(7) == ["security-escalation"]  # other high findings remain

    trail = scenario.publish_dir / "publish-audit.jsonl"  # publish's own trail, never the uploaded one
    events = [json.loads(line) for line in trail.read_text().splitlines()]
    dismissals = [e["data"] for e in events if e["event"] == "dismissal"]
    assert {d["fingerprint"] for d in dismissals} == {sql, scenario.fingerprint("CWE-78")}
    assert {d["by"] for d in dismissals} == {"alice"}
    statuses = {e["data"]["fingerprint"]: e["data"]["status"] for e in events if e["event"] == "finding"}
    assert statuses[sql] == "dismissed"


def test_dismissals_by_the_author_or_a_reader_are_refused(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    scenario = reviewed.serve(fake, tmp_path)
    assert scenario.publish("--pr", "7", "--fail-on", "critical") == 1
    reply(fake, SQL_RULE, "/pr-review dismiss I know what I am doing", "mallory")  # the PR's author
    reply(fake, COMMAND_RULE, "/pr-review dismiss fine by me", "bob")  # read access only

    assert scenario.publish("--pr", "7", "--fail-on", "critical") == 1
    body = summary(scenario)
    assert "Dismissed by a reviewer" not in body
    assert "by mallory ignored: the pull request's author cannot dismiss findings on it" in body
    assert "by bob ignored: no write access" in body
    assert fake.requests_matching("GET", r"/repos/octo/app/collaborators/bob/permission")
    assert not fake.requests_matching("GET", r"/repos/octo/app/collaborators/mallory/permission")


def test_author_may_dismiss_when_configured(reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path) -> None:
    fake.set_collaborator("octo/app", "mallory", "write")
    scenario = reviewed.serve(fake, tmp_path, config=FAST_CONFIG + "triage:\n  author_can_dismiss: true\n")
    scenario.publish("--pr", "7")
    reply(fake, SQL_RULE, "/pr-review dismiss covered by the ORM migration in #12", "mallory")
    scenario.publish("--pr", "7")
    assert "| dismissed | mallory | covered by the ORM migration in #12 |" in summary(scenario)


def test_an_ignore_comment_added_by_the_pull_request_escalates(fake: FakeGitHub, repo: GitRepo, tmp_path: Path) -> None:
    views = example_views().replace(
        "    rows = conn.execute(query).fetchall()\n",
        "    # pr-review: ignore[pr-review.python.sql-injection] customer names are validated upstream\n"
        "    rows = conn.execute(query).fetchall()\n",
    )
    scenario = build_scenario(
        fake,
        repo,
        tmp_path,
        head_files={"app/views.py": views},
        base_config=FAST_CONFIG + "escalation:\n  severity: critical\n",
    )
    assert scenario.run() == 0
    sql = thread_of(fake, SQL_RULE)
    assert f"{NEEDS_APPROVAL}." in str(sql["body"])
    assert fake.labels(7) == ["security-escalation"]
    body = summary(scenario)
    assert "### ⚠️ Suppressions added by this pull request: need approval (1)" in body
    assert "or a suppression added by this pull request" in body
    assert "Suppressed (" not in body
    assert BASE_VIEWS  # the base had no ignore comment


def test_a_dismissal_binds_to_the_thread_the_bot_recorded_not_to_a_marker(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    """A comment under the bot's name that the bot never recorded (another workflow posting as
    github-actions[bot], echoing PR text) ends in the SQL finding's marker: a dismissal on it
    dismisses nothing."""
    scenario = reviewed.serve(fake, tmp_path)
    assert scenario.publish("--pr", "7", "--fail-on", "critical") == 1
    sql = scenario.fingerprint("CWE-89")
    line = int(str(thread_of(fake, SQL_RULE)["line"]))
    planted = fake.add_review_comment(
        7,
        path="app/views.py",
        line=line,
        body=f"Looks fine to me.\n\n<!-- pr-review:fingerprint={sql} -->",
        user="github-actions[bot]",
    )
    fake.add_review_comment(
        7,
        path="app/views.py",
        line=line,
        body="/pr-review dismiss harmless",
        user="alice",
        in_reply_to_id=int(planted["id"]),
    )

    assert scenario.publish("--pr", "7", "--fail-on", "critical") == 1
    assert "Dismissed by a reviewer" not in summary(scenario)
    reply(fake, SQL_RULE, "/pr-review dismiss the query is built from a constant allow-list", "alice")
    assert scenario.publish("--pr", "7", "--fail-on", "critical") == 1  # the command injection is critical too
    assert "### Dismissed by a reviewer (1)" in summary(scenario)
