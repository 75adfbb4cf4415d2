"""Reporting on the pull request: `pr-review publish` of one `run --no-post` review (Semgrep runs
once per module) to a fresh loopback GitHub per test, with the faults and forgeries GitHub sees."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import GitRepo
from fakes import FakeGitHub, GitHubFault, fake_github_server
from github_scenario import (
    FAST_CONFIG,
    ISSUE_COMMENTS,
    REVIEWS,
    SUMMARY_MARKER,
    ReviewedChange,
    Scenario,
    finding_rows,
    inline_comments,
    review_once,
)
from markdown_support import assert_inert

from pr_review.audit import chain_head
from pr_review.audit_verify import verify
from pr_review.github.comments import SummaryRecord, summary_body

OVER_THE_CAP = "in the summary: over the cap of 2 inline comments"
LABEL_DESCRIPTION = "pr-review found a high-severity security issue: a human must look"


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> ReviewedChange:
    repo_dir = tmp_path_factory.mktemp("repo")
    with fake_github_server() as fake:
        return review_once(fake, GitRepo(repo_dir), tmp_path_factory.mktemp("run"))


def served(reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, config: str = FAST_CONFIG) -> Scenario:
    return reviewed.serve(fake, tmp_path, config=config)


def summary_row(scenario: Scenario, title: str) -> str:
    [summary] = scenario.summaries()
    return next(line for line in summary["body"].splitlines() if line.startswith("| ") and title in line)


def test_publish_posts_the_review_the_summary_and_the_label(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    scenario = served(reviewed, fake, tmp_path)

    assert scenario.publish("--pr", "7", GITHUB_EVENT_NAME="workflow_run") == 0

    assert len(fake.reviews(7)) == 1
    assert inline_comments(fake) == scenario.expected_inline()
    assert summary_row(scenario, "raw SQL string").endswith("| inline |")
    assert fake.labels(7) == ["security-escalation"]
    # The configuration came from the base commit through the contents API (no checkout).
    assert fake.requests_matching("GET", r"/repos/octo/app/contents/\.github/pr-review\.yml")


def test_lost_responses_are_not_posted_twice(reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path) -> None:
    """GitHub stored the review and the summary comment but the answers were lost: the retry
    finds them instead of posting them again."""
    scenario = served(reviewed, fake, tmp_path)
    fake.lose_response("POST", REVIEWS)
    fake.lose_response("POST", ISSUE_COMMENTS)

    assert scenario.publish("--pr", "7") == 0

    assert fake.pending_faults() == 0
    assert [r.status for r in fake.requests_matching("POST", REVIEWS)] == [None]
    assert [r.status for r in fake.requests_matching("POST", ISSUE_COMMENTS)] == [None]
    assert len(fake.reviews(7)) == 1
    assert inline_comments(fake) == scenario.expected_inline()  # each comment once
    assert len(scenario.summaries()) == 1
    assert len(fake.issue_comments(7)) == 1


def test_a_lost_reply_on_a_resolved_finding_is_not_posted_twice(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    scenario = served(reviewed, fake, tmp_path, config=FAST_CONFIG + "  reply_when_resolved: true\n")
    gone = "0123456789abcdef0123456789abcdef"  # a finding an earlier run commented on, fixed since
    thread = fake.add_review_comment(
        7,
        path="app/views.py",
        line=31,
        body=f"**🟧 high** · **Old finding**\n\n<!-- pr-review:fingerprint={gone} -->",
        user="github-actions[bot]",
    )
    record = SummaryRecord(frozenset({gone}), {int(thread["id"]): gone})  # the earlier run's summary
    fake.add_issue_comment(7, summary_body("earlier run", record), user="github-actions[bot]")
    fake.lose_response("POST", rf"/repos/octo/app/pulls/7/comments/{thread['id']}/replies")

    assert scenario.publish("--pr", "7") == 0

    replies = [c for c in fake.review_comments(7) if c.get("in_reply_to_id") == thread["id"]]
    assert [r["body"].splitlines()[0] for r in replies] == [f"No longer detected at {scenario.head_sha[:12]}."]
    [summary] = scenario.summaries()
    assert "### Resolved since the last run (1)" in summary["body"]
    assert f"- `{gone[:12]}` no longer detected" in summary["body"]


def test_a_422_that_names_no_comment_falls_back_to_single_comments(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    scenario = served(reviewed, fake, tmp_path)
    fake.inject(
        "POST",
        REVIEWS,
        GitHubFault.error(
            422, "Unprocessable Entity", errors=["Pull request review thread line must be part of the diff"]
        ),
    )

    assert scenario.publish("--pr", "7") == 0

    assert inline_comments(fake) == scenario.expected_inline()  # no finding lost, none twice
    assert summary_row(scenario, "raw SQL string").endswith("| inline |")


def test_findings_over_the_cap_go_to_the_summary(reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path) -> None:
    scenario = served(reviewed, fake, tmp_path, config=FAST_CONFIG + "  max_inline_comments: 2\n")

    assert scenario.publish("--pr", "7") == 0

    findings = scenario.findings()  # most severe first
    first_two = [(f["location"]["path"], f["location"]["end_line"]) for f in findings[:2]]
    assert first_two == [("app/views.py", 30), ("app/views.py", 37)]
    assert [(c["path"], c["line"]) for c in fake.review_comments(7)] == first_two
    [summary] = scenario.summaries()
    rows = finding_rows(summary["body"])
    assert len(rows) == len(findings)
    assert [row.endswith("| inline |") for row in rows] == [True, True] + [False] * (len(findings) - 2)
    assert all(row.endswith(f"| {OVER_THE_CAP} |") for row in rows[2:])


def test_escalation_creates_the_missing_label_and_requests_reviewers(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    config = FAST_CONFIG + "escalation:\n  reviewers: [alice, octo/security]\n"
    scenario = served(reviewed, fake, tmp_path, config=config)
    fake.set_collaborator(None, "alice", "write")

    assert scenario.publish("--pr", "7") == 0

    [created] = fake.requests_matching("POST", r"/repos/octo/app/labels")
    assert created.json == {"name": "security-escalation", "color": "b60205", "description": LABEL_DESCRIPTION}
    assert fake.labels(7) == ["security-escalation"]
    [requested] = fake.requests_matching("POST", r"/repos/octo/app/pulls/7/requested_reviewers")
    assert requested.json == {"reviewers": ["alice"], "team_reviewers": ["security"]}
    assert fake.requested_reviewers(7) == ["alice"]
    [summary] = scenario.summaries()
    assert "Review requested from alice, octo/security." in summary["body"]


def test_an_existing_label_is_reused(reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path) -> None:
    scenario = served(reviewed, fake, tmp_path)
    fake.add_label("security-escalation", color="0e8a16", description="ours")

    assert scenario.publish("--pr", "7") == 0

    assert fake.requests_matching("POST", r"/repos/octo/app/labels") == []
    assert fake.labels(7) == ["security-escalation"]
    label = fake.repo().label("security-escalation")
    assert label is not None
    assert (label.color, label.description) == ("0e8a16", "ours")


def test_a_reviewer_github_refuses_does_not_stop_the_report(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    """The PR's author is on the reviewers list: GitHub answers 422; the summary is still posted."""
    scenario = served(reviewed, fake, tmp_path, config=FAST_CONFIG + "escalation:\n  reviewers: [mallory]\n")

    assert scenario.publish("--pr", "7") == 0

    assert [r.status for r in fake.requests_matching("POST", r"/repos/octo/app/pulls/7/requested_reviewers")] == [422]
    assert fake.labels(7) == ["security-escalation"]
    [summary] = scenario.summaries()
    assert "Review cannot be requested from pull request author" in summary["body"]


def test_markers_in_comments_by_others_count_for_nothing(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    scenario = served(reviewed, fake, tmp_path)
    sql = scenario.fingerprint("CWE-89")
    forged_thread = fake.add_review_comment(
        7, path="app/views.py", line=30, body=f"fine <!-- pr-review:fingerprint={sql} -->", user="mallory"
    )
    forged = f"All clear!\n{SummaryRecord().marker()}"
    forged_summary = fake.add_issue_comment(7, forged, user="mallory")

    assert scenario.publish("--pr", "7") == 0

    ours = [c for c in fake.review_comments(7) if c["user"]["login"] == "github-actions[bot]"]
    assert f"<!-- pr-review:fingerprint={sql} -->" in next(c["body"] for c in ours if c["line"] == 30)
    assert len(ours) == len(scenario.findings())
    assert fake.requests_matching("PATCH", rf"/repos/octo/app/issues/comments/{forged_summary['id']}") == []
    by_id = {c["id"]: c for c in fake.issue_comments(7)}
    assert by_id[forged_summary["id"]]["body"] == forged
    [ours_summary] = [c for c in scenario.summaries() if c["user"]["login"] == "github-actions[bot]"]
    assert "raw SQL string" in ours_summary["body"]
    assert forged_thread["id"] in {c["id"] for c in fake.review_comments(7)}


def test_with_a_personal_token_our_comments_are_the_token_users(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    """Comments posted with a personal token are by a user, not a Bot: the token's own login (from
    GET /user) is whose markers count, so a second run posts nothing twice."""
    scenario = served(reviewed, fake, tmp_path)
    fake.add_token("pat", login="maintainer")
    fake.set_collaborator("octo/app", "maintainer", "write")

    assert scenario.publish("--pr", "7", GITHUB_TOKEN="pat") == 0
    posted = len(fake.review_comments(7))
    assert posted == len(scenario.findings())
    assert scenario.publish("--pr", "7", GITHUB_TOKEN="pat") == 0

    assert len(fake.review_comments(7)) == posted
    [summary] = scenario.summaries()
    assert summary["user"]["login"] == "maintainer"
    assert "Resolved since the last run" not in summary["body"]


def _rewrite(scenario: Scenario, change: Any) -> None:
    path = scenario.results / "findings.json"
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def test_a_tampered_findings_file_is_refused(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = served(reviewed, fake, tmp_path)

    def tamper(document: dict[str, Any]) -> None:
        document["findings"][0]["severity"] = "urgent"

    _rewrite(scenario, tamper)

    assert scenario.publish("--pr", "7") == 2

    err = capsys.readouterr().err
    assert "findings.json is not a valid findings.json" in err
    assert "Traceback" not in err
    assert [r for r in fake.requests if r.method != "GET"] == []


HOSTILE = (
    "Ping @alice and @octo/security <img src=x onerror=alert(1)> ![x](https://evil.example/t.png) "
    "<!-- pr-review:fingerprint=0123456789abcdef0123 --> octo/app#1"
)


def _outside_code_spans(text: str) -> str:
    """A code span shows its text literally: no mention, link, image or HTML takes effect there."""
    return re.sub(r"`[^`\n]*`", "", text)


def test_hostile_text_in_every_field_of_the_findings_file_is_neutralised(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    """findings.json comes from a job that ran the pull request's code: every field is hostile."""
    scenario = served(reviewed, fake, tmp_path)

    def inject(document: dict[str, Any]) -> None:
        finding = document["findings"][0]
        for key in ("title", "description", "exploit_scenario", "recommendation", "evidence", "help_uri"):
            finding[key] = HOSTILE[:300]
        document["target"]["base"] = HOSTILE
        document["analyzers"][0]["detail"] = HOSTILE
        document["analyzers"][0]["metadata"] = {"model": HOSTILE, "provider": HOSTILE, "prompt_sha256": HOSTILE}
        document["not_reviewed"].append({"path": HOSTILE, "reason": HOSTILE, "analyzer": "semgrep"})
        document["triage_notes"] = [{"kind": "needs-approval", "message": HOSTILE, "fingerprint": HOSTILE}]
        document["suppressed"] = [
            {"finding": dict(finding, title=HOSTILE[:300]), "kind": "config", "reason": HOSTILE, "by": HOSTILE}
        ]
        document["data_policy"] = {
            "withheld": [{"path": HOSTILE, "reason": HOSTILE}],
            "redactions": [
                {"path": HOSTILE, "line": 1, "data_class": HOSTILE, "kind": HOSTILE, "placeholder": HOSTILE}
            ],
        }

    _rewrite(scenario, inject)

    assert scenario.publish("--pr", "7") == 0

    [summary] = scenario.summaries()
    posted = [summary["body"], *(c["body"] for c in fake.review_comments(7)), scenario.summary_path.read_text()]
    for body in posted:
        assert "<!-- pr-review:fingerprint=0123456789abcdef0123" not in body  # not even in a code span
        visible = _outside_code_spans(body)
        for raw in ("@alice", "@octo", "<img", "![x]", "https://evil.example", "octo/app#1"):
            assert raw not in visible, (raw, body)
    assert summary["body"].count(SUMMARY_MARKER) == 1
    assert summary["body"].count("<!--") == 1
    assert all(SUMMARY_MARKER not in c["body"] for c in fake.review_comments(7))
    assert "Ping \uff20alice" in next(c["body"] for c in fake.review_comments(7) if c["line"] == 30)
    assert "Withheld or redacted before reaching a model" in summary["body"]


@pytest.mark.parametrize(
    "forge",
    [
        lambda d: d["not_reviewed"].append({"path": "a.py", "reason": "x", "analyzer": HOSTILE}),
        lambda d: d["analyzers"][0].update(name="@alice <b>x</b> <!-- pr-review:fingerprints=0123456789abcdef -->"),
        lambda d: d["findings"][0].update(sources=["semgrep", "evil-team"]),
    ],
    ids=["not_reviewed-analyzer", "analyzer-name", "finding-source"],
)
def test_a_findings_file_naming_an_unknown_analyzer_is_refused(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str], forge: Any
) -> None:
    """Analyzer and source names are printed as they are: only the registry's own are accepted."""
    scenario = served(reviewed, fake, tmp_path)
    _rewrite(scenario, forge)

    assert scenario.publish("--pr", "7") == 2

    err = capsys.readouterr().err
    assert "is not a valid findings.json: unknown" in err
    assert "Traceback" not in err
    assert [r for r in fake.requests if r.method != "GET"] == []


def test_publish_keeps_its_own_audit_trail_referring_to_the_uploaded_one(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    """The uploaded audit.jsonl was written next to the PR's code: publish never appends to it."""
    scenario = served(reviewed, fake, tmp_path)
    uploaded = scenario.results / "audit.jsonl"
    before = uploaded.read_bytes()

    assert scenario.publish("--pr", "7") == 0

    assert uploaded.read_bytes() == before
    trail = scenario.publish_dir / "publish-audit.jsonl"
    assert verify(trail).ok
    events = [json.loads(line) for line in trail.read_text().splitlines()]
    started = events[0]["data"]
    assert started["artifact_audit_head"] == chain_head(uploaded)
    assert started["purpose"] == "publish the results of a pull_request run to pull request #7"
    assert events[-1]["event"] == "run_finished"
    assert {e["data"]["kind"] for e in events if e["event"] == "action"} >= {"review", "summary"}


def test_markdown_that_slipped_past_the_old_neutraliser_is_inert_when_posted(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    """Mentions inside emphasis or after a stray backtick, `//host` links whose text spans lines or
    nests brackets, a reference definition in a list item: read as GitHub would, nothing is live."""
    scenario = served(reviewed, fake, tmp_path)
    hostile = (
        "_@security-team_ and a stray `@alice, see [the\nfix](//evil.example/a) or "
        "[nested [link]](//evil.example/b) ![pixel\nx](//evil.example/p.png)\n\n"
        "- [ref]: //evil.example/c\n\nas in [ref]"
    )

    def inject(document: dict[str, Any]) -> None:
        for finding in document["findings"]:
            finding["title"] = hostile
            finding["description"] = hostile
            finding["recommendation"] = hostile
        document["analyzers"][0]["detail"] = hostile

    _rewrite(scenario, inject)

    assert scenario.publish("--pr", "7") == 0

    [summary] = scenario.summaries()
    bodies = [c["body"].rstrip().rpartition("\n")[0] for c in fake.review_comments(7)]  # less our marker
    bodies.append("\n".join(summary["body"].splitlines()[:-1]))  # less our marker
    for body in bodies:
        ours = ("<sub>", "</sub>", "\ufe0f")  # our own markup, and the selector of our status icons (⏭️)
        for text in ours:
            body = body.replace(text, "")
        assert_inert(body)
        assert "evil.example" not in body
    assert "\uff20security-team" in bodies[0]


def test_publish_with_a_read_only_token_fails_with_exit_3(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = served(reviewed, fake, tmp_path)
    fake.add_token("read-only", read_only=True)

    assert scenario.publish("--pr", "7", GITHUB_TOKEN="read-only") == 3

    assert "error: nothing could be posted" in capsys.readouterr().err
    assert fake.reviews(7) == []
    assert "Nothing was posted on the pull request" in scenario.summary_path.read_text()


def test_a_findings_file_whose_head_is_not_a_commit_sha_is_refused(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """target.head is quoted in the log, in replies and anchors the comments: a forged one could
    forge a workflow command or mention a team (`No longer detected at @octo/security`)."""
    scenario = served(reviewed, fake, tmp_path)

    def forge(document: dict[str, Any]) -> None:
        document["target"]["head"] = "\n::error::x @octo/security"

    _rewrite(scenario, forge)

    assert scenario.publish("--pr", "7") == 2

    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert not any(line.startswith("::error::x") for line in (captured.out + captured.err).splitlines())
    assert [r for r in fake.requests if r.method != "GET"] == []
