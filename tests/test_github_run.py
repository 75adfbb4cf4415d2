"""`pr-review run` (and `publish`) against the loopback GitHub: the real PyGithub, the real Semgrep.

Each test is one pull request as a user sees it after the Action ran: the review's comments on the
right lines, the summary comment, the label, the job summary, the step outputs and the exit code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from claude_support import finding
from conftest import GitRepo
from fakes import FakeGitHub, fake_anthropic_server
from github_scenario import (
    BASE_VIEWS,
    FAST_CONFIG,
    ISSUE_COMMENTS,
    REVIEW_COMMENTS,
    REVIEWS,
    Scenario,
    build_scenario,
    finding_rows,
    inline_comments,
    views_without_sql_injection,
)

from pr_review.audit_verify import verify
from pr_review.cli import main
from pr_review.validate import schema_errors

SQL_RULE = "pr-review.python.sql-injection"
REFUSED = "in the summary: GitHub refused an inline comment on this line (422)"


def writes(fake: FakeGitHub) -> list[tuple[str, str, int | None]]:
    return [(r.method, r.path, r.status) for r in fake.requests if r.method != "GET"]


def table_row(body: str, needle: str) -> str:
    """The summary table's row containing `needle`."""
    return next(line for line in body.splitlines() if line.startswith("| ") and needle in line)


def test_first_run_posts_one_review_a_summary_and_the_label(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = build_scenario(fake, repo, tmp_path, base_config=FAST_CONFIG + "  max_annotations: 3\n")
    assert scenario.run() == 0  # fail_on defaults to none

    [review] = fake.reviews(7)
    assert review["state"] == "COMMENTED"
    assert review["commit_id"] == scenario.head_sha
    assert review["user"]["login"] == "github-actions[bot]"
    assert inline_comments(fake) == scenario.expected_inline()
    sql = next(c["body"] for c in fake.review_comments(7) if f"`{SQL_RULE}`" in c["body"])
    assert sql.startswith("**🟥 critical** · **User input reaches a raw SQL string")
    assert "[CWE-89](https://cwe.mitre.org/data/definitions/89.html)" in sql
    assert f"<!-- pr-review:fingerprint={scenario.fingerprint('CWE-89')} -->" in sql

    [summary] = scenario.summaries()
    body = summary["body"]
    assert scenario.counts_line() in body
    assert scenario.counts_line().startswith("**2 critical, ")
    row = table_row(body, "raw SQL string")
    assert row.startswith("| 🟥 critical |")
    assert "| `app/views.py:30` | [CWE-89](https://cwe.mitre.org/data/definitions/89.html) | semgrep | inline |" in row
    assert "| claude | ⏭️ skipped | no API key (ANTHROPIC_API_KEY is not set) |" in body
    assert "| semgrep | ✅ ok |" in body
    assert "| secrets | ✅ ok |" in body
    assert "🚨 Escalated: labelled `security-escalation`" in body
    fingerprints = ",".join(sorted(f["fingerprint"] for f in scenario.findings()))
    threads = sorted((c["id"], c["body"].splitlines()[-1]) for c in fake.review_comments(7))
    posted = ",".join(f"{cid}:{marker.split('=')[1].split()[0]}" for cid, marker in threads)
    # The last line records which comment the bot posted for which fingerprint: what dismissals bind to.
    record = f"<!-- pr-review:summary fingerprints={fingerprints} comments={posted} audit-head="
    assert body.splitlines()[-1].startswith(record)
    assert len(threads) == len(scenario.findings())
    assert fake.labels(7) == ["security-escalation"]

    step_summary = scenario.summary_path.read_text()
    assert "## pr-review security review" in step_summary
    assert scenario.counts_line() in step_summary
    assert table_row(step_summary, "raw SQL string").endswith("| semgrep | inline |")
    results = scenario.results
    severities = [f["severity"] for f in scenario.findings()]
    assert scenario.outputs() == {
        "findings-count": str(len(severities)),
        "high-count": str(severities.count("critical") + severities.count("high")),
        "escalated": "true",
        "results-dir": str(results),
        "audit-head": verify(results / "audit.jsonl").head,
    }
    assert {p.name for p in results.iterdir()} >= {"findings.json", "results.sarif", "summary.md", "audit.jsonl"}
    assert json.loads((results / "results.sarif").read_text())["version"] == "2.1.0"

    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith(("::error", "::warning"))]
    assert len(annotations) == 3  # capped by github.max_annotations, highest severity first
    assert annotations[0] == (
        "::error file=app/views.py,line=30,title=pr-review%3A critical::User input reaches a raw SQL string "
        "executed by the database driver/ORM. (CWE-89; semgrep)"
    )
    assert annotations[1].startswith("::error file=app/views.py,line=37,title=pr-review%3A critical::")
    assert main(["audit", "verify", str(results / "audit.jsonl")], environ={}) == 0


def test_rerun_adds_no_comments_and_edits_the_one_summary(scenario: Scenario, fake: FakeGitHub) -> None:
    assert scenario.run() == 0
    comments = {c["id"] for c in fake.review_comments(7)}
    [before] = scenario.summaries()

    assert scenario.run() == 0

    assert len(fake.reviews(7)) == 1  # no second review, not even an empty one
    assert {c["id"] for c in fake.review_comments(7)} == comments
    assert len(fake.requests_matching("POST", REVIEWS)) == 1
    [after] = scenario.summaries()
    assert after["id"] == before["id"]
    assert len(fake.requests_matching("POST", ISSUE_COMMENTS)) == 1
    # Each run: the summary is written, then edited once more to carry the audit trail's final head.
    assert len(fake.requests_matching("PATCH", rf"/repos/octo/app/issues/comments/{before['id']}")) == 3
    # (Not updated_at: GitHub's timestamps are whole seconds, and a rerun can finish within one.)
    assert table_row(after["body"], "raw SQL string").endswith("| inline (earlier run) |")
    assert fake.labels(7) == ["security-escalation"]
    assert len(fake.requests_matching("POST", r"/repos/octo/app/labels")) == 1  # created once, then reused


def test_a_push_during_the_review_moves_refused_comments_to_the_summary(scenario: Scenario, fake: FakeGitHub) -> None:
    """The author drops the views.py changes while the review is posted: GitHub refuses the whole
    review (422); it is re-sent without the comments on lines no longer in the diff."""
    fake.before("POST", REVIEWS, lambda: scenario.push({"app/views.py": BASE_VIEWS}, "Drop the new endpoints"))
    reviewed_head = scenario.head_sha

    assert scenario.run() == 0

    assert [r.status for r in fake.requests_matching("POST", REVIEWS)] == [422, 200]
    [review] = fake.reviews(7)
    assert review["commit_id"] == reviewed_head
    assert inline_comments(fake) == [f for f in scenario.expected_inline() if f[0] == "app/settings.py"]
    [summary] = scenario.summaries()
    rows = finding_rows(summary["body"])
    assert len(rows) == len(scenario.findings())  # no finding lost
    for row in rows:
        assert row.endswith(f"| {REFUSED} |" if "| `app/views.py:" in row else "| inline |")
    assert table_row(summary["body"], "raw SQL string").endswith(f"| {REFUSED} |")


def test_rate_limits_and_a_5xx_are_retried_into_one_review(scenario: Scenario, fake: FakeGitHub) -> None:
    fake.primary_rate_limit("GET", r"/repos/octo/app/pulls/7/files", reset_in=1)
    fake.secondary_rate_limit("GET", REVIEW_COMMENTS, retry_after=1)
    fake.fail("POST", REVIEWS, 502)

    assert scenario.run() == 0

    assert fake.pending_faults() == 0
    assert [r.status for r in fake.requests_matching("POST", REVIEWS)] == [502, 200]
    assert [r.status for r in fake.requests_matching("GET", r"/repos/octo/app/pulls/7/files")][:2] == [403, 200]
    assert len(fake.reviews(7)) == 1
    assert inline_comments(fake) == scenario.expected_inline()
    assert len(scenario.summaries()) == 1


def test_read_only_token_posts_nothing_and_reports_in_the_job_summary(scenario: Scenario, fake: FakeGitHub) -> None:
    """A fork's pull_request run: the token cannot write. Results go to the job summary and files."""
    fake.add_token("read-only", login="github-actions[bot]", read_only=True)

    assert scenario.run("--fail-on", "high", GITHUB_TOKEN="read-only") == 1  # the findings decide, not the 403

    assert fake.reviews(7) == []
    assert fake.issue_comments(7) == []
    assert fake.labels(7) == []
    assert all(status == 403 for _, _, status in writes(fake))
    step_summary = scenario.summary_path.read_text()
    assert "Nothing was posted on the pull request" in step_summary
    assert "Resource not accessible by integration" in step_summary
    assert "raw SQL string" in table_row(step_summary, "`app/views.py:30`")
    outputs = scenario.outputs()
    assert outputs["findings-count"] == str(len(scenario.findings()))
    assert outputs["escalated"] == "false"
    assert (scenario.results / "findings.json").is_file()


def test_no_post_then_publish_from_a_workflow_run(scenario: Scenario, fake: FakeGitHub) -> None:
    assert scenario.run("--no-post") == 0
    assert writes(fake) == []
    assert scenario.outputs()["findings-count"] == str(len(scenario.findings()))

    # The privileged workflow_run job: no checkout, the PR number from --pr.
    assert scenario.publish("--pr", "7", GITHUB_EVENT_NAME="workflow_run") == 0
    [review] = fake.reviews(7)
    assert review["commit_id"] == scenario.head_sha
    assert inline_comments(fake) == scenario.expected_inline()
    [summary] = scenario.summaries()
    assert table_row(summary["body"], "raw SQL string").endswith("| inline |")
    assert fake.labels(7) == ["security-escalation"]

    # Again, the PR number from the workflow_run event: nothing new, the summary edited in place.
    event = scenario.workflow_run_event_path()
    assert scenario.publish(GITHUB_EVENT_NAME="workflow_run", GITHUB_EVENT_PATH=str(event)) == 0
    assert len(fake.reviews(7)) == 1
    assert inline_comments(fake) == scenario.expected_inline()
    assert [s["id"] for s in scenario.summaries()] == [summary["id"]]
    # The first publish adds its audit head; the second rewrites the summary and adds its own.
    assert len(fake.requests_matching("PATCH", rf"/repos/octo/app/issues/comments/{summary['id']}")) == 3
    assert main(["audit", "verify", str(scenario.results / "audit.jsonl")], environ={}) == 0


def test_github_enterprise_server_base_url(scenario: Scenario, fake: FakeGitHub) -> None:
    assert scenario.run(GITHUB_API_URL=fake.ghes_url) == 0

    assert {r.prefix for r in fake.requests} == {"/api/v3"}
    assert len(fake.reviews(7)) == 1
    assert inline_comments(fake) == scenario.expected_inline()
    assert len(scenario.summaries()) == 1
    assert fake.labels(7) == ["security-escalation"]


def test_resolved_findings_are_listed_and_answered_once(fake: FakeGitHub, repo: GitRepo, tmp_path: Path) -> None:
    config = FAST_CONFIG + "  reply_when_resolved: true\n"
    scenario = build_scenario(fake, repo, tmp_path, base_config=config)
    assert scenario.run() == 0
    sql_fingerprint = scenario.fingerprint("CWE-89")
    thread = next(c for c in fake.review_comments(7) if f"`{SQL_RULE}`" in c["body"])

    # Head B fixes the SQL injection.
    head_b = scenario.push({"app/views.py": views_without_sql_injection()}, "Parameterise the search query")
    assert scenario.run() == 0

    assert len(fake.requests_matching("POST", REVIEWS)) == 1  # the others were commented on by run 1
    body = scenario.summaries()[0]["body"]
    assert "### Resolved since the last run (1)" in body
    assert f"- `{sql_fingerprint[:12]}` no longer detected at `{head_b[:12]}`" in body
    assert "raw SQL string" not in body
    replies = [c for c in fake.review_comments(7) if c.get("in_reply_to_id") == thread["id"]]
    assert [r["body"].splitlines()[0] for r in replies] == [f"No longer detected at {head_b[:12]}."]

    # Head C fixes everything: each thread is answered once, the SQL one not again; the label stays
    # (escalation.remove_when_clear defaults to false: a maintainer clears it).
    scenario.push({"app/views.py": BASE_VIEWS + "\n\ndef healthz():\n    return 'ok'\n", "app/settings.py": ""})
    assert scenario.run() == 0
    threads = [c for c in fake.review_comments(7) if "in_reply_to_id" not in c]
    answered = [c["in_reply_to_id"] for c in fake.review_comments(7) if "in_reply_to_id" in c]
    assert sorted(answered) == sorted(t["id"] for t in threads)
    body = scenario.summaries()[0]["body"]
    assert "**No findings.**" in body
    assert fake.labels(7) == ["security-escalation"]
    assert len(scenario.summaries()) == 1


def test_a_file_whose_patch_the_api_omits_is_diffed_with_git(scenario: Scenario, fake: FakeGitHub) -> None:
    views = scenario.pull.file("app/views.py")
    assert views is not None
    views.omit_patch = True  # GitHub leaves `patch` out of /files for large diffs

    assert scenario.run() == 0

    listed = fake.requests_matching("GET", r"/repos/octo/app/pulls/7/files")
    assert listed
    assert inline_comments(fake) == scenario.expected_inline()
    assert table_row(scenario.summaries()[0]["body"], "raw SQL string").endswith("| inline |")


def test_a_pull_request_larger_than_the_file_listing_is_diffed_with_git(scenario: Scenario, fake: FakeGitHub) -> None:
    fake.PAGE_CAPS = {**FakeGitHub.PAGE_CAPS, "files": 1}  # type: ignore[misc]  # lists 1 of the 2 changed files

    assert scenario.run() == 0

    assert inline_comments(fake) == scenario.expected_inline()
    body = scenario.summaries()[0]["body"]
    assert "2 file(s) reviewed" in body
    assert scenario.counts_line() in body


def test_bad_credentials_exit_3_with_a_readable_error(scenario: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    assert scenario.run(GITHUB_TOKEN="expired") == 3
    err = capsys.readouterr().err
    assert "error: read the repository: GitHub answered 401: Bad credentials" in err
    assert "hint: GitHub did not accept the token: it is missing, expired or revoked" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"GITHUB_EVENT_PATH": ""}, "error: GITHUB_EVENT_PATH is not set"),
        ({"GITHUB_EVENT_NAME": "push"}, "error: push carries no pull request"),
    ],
)
def test_no_pull_request_event_exits_2_with_a_hint(
    scenario: Scenario, fake: FakeGitHub, capsys: pytest.CaptureFixture[str], env: dict[str, str], message: str
) -> None:
    if env.get("GITHUB_EVENT_NAME") == "push":
        push_event = scenario.tmp / "push.json"
        push_event.write_text(json.dumps({"ref": "refs/heads/main", "after": scenario.head_sha}))
        env = {**env, "GITHUB_EVENT_PATH": str(push_event)}

    assert scenario.run(**env) == 2

    err = capsys.readouterr().err
    assert message in err
    assert "hint: " in err
    assert "pull_request" in err
    assert writes(fake) == []


def test_claude_and_semgrep_agreeing_give_one_inline_comment_naming_both(scenario: Scenario, fake: FakeGitHub) -> None:
    with fake_anthropic_server() as claude:
        claude.default_tool_input = {
            "findings": [
                finding(
                    "app/views.py",
                    30,
                    title="SQL injection in invoice search",
                    exploit_scenario="customer=' OR '1'='1 lists every customer's invoices",
                )
            ]
        }
        assert scenario.run(ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url) == 0

    on_line_30 = [c for c in fake.review_comments(7) if (c["path"], c["line"]) == ("app/views.py", 30)]
    assert len(on_line_30) == 1
    body = on_line_30[0]["body"]
    assert "Found by Semgrep, Claude" in body or "Found by Claude, Semgrep" in body
    assert "customer=' OR '1'='1 lists every customer's invoices" in body  # Claude's explanation
    assert SQL_RULE in body  # with Semgrep's rule


def test_a_pull_request_with_no_difference_still_writes_every_output(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    scenario = build_scenario(fake, repo, tmp_path, head_files={})

    assert scenario.run() == 0

    report = json.loads((scenario.results / "findings.json").read_text(encoding="utf-8"))
    assert schema_errors(report, "report.schema.json") == []
    sarif = json.loads((scenario.results / "results.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []
    nothing = "**Nothing to review: the change has no differences.**"
    assert nothing in (scenario.results / "summary.md").read_text(encoding="utf-8")
    [summary] = scenario.summaries()
    assert nothing in summary["body"]
    assert fake.reviews(7) == []


OUTSIDE = "precious: the runner's own file\n"


def _plant(scenario: Scenario, link: str, target: Path) -> None:
    """The pull request commits a link inside the workspace (git stores it as a symlink)."""
    (scenario.repo.path / link).parent.mkdir(parents=True, exist_ok=True)
    (scenario.repo.path / link).symlink_to(target)
    scenario.push({})


@pytest.mark.parametrize(
    ("link", "points_to"),
    [("pr-review-results/.findings.json.tmp", "file"), ("pr-review-results", "directory")],
)
def test_results_are_never_written_through_a_committed_link(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str, points_to: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim").write_text(OUTSIDE)
    scenario = build_scenario(fake, repo, tmp_path)
    _plant(scenario, link, outside / "victim" if points_to == "file" else outside)
    results = scenario.repo.path / "pr-review-results"  # the default --out, in the workspace

    code = main(["run", "--out", str(results)], environ=scenario.environ())

    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "refusing to write" in err
    assert sorted(p.name for p in outside.iterdir()) == ["victim"]
    assert (outside / "victim").read_text() == OUTSIDE
    assert fake.issue_comments(7) == []
    assert fake.reviews(7) == []


def test_a_link_planted_beside_the_results_is_replaced_not_followed(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    """An earlier step of the job (the PR's build script) left links in an untracked results
    directory: temporary files are created new (O_EXCL|O_NOFOLLOW) and never written through one."""
    victim = tmp_path / "victim"
    victim.write_text(OUTSIDE)
    scenario = build_scenario(fake, repo, tmp_path)
    scenario.results.mkdir()
    for name in (".findings.json.tmp", ".results.sarif.tmp", ".summary.md.tmp"):
        (scenario.results / name).symlink_to(victim)

    assert scenario.run() == 0

    assert victim.read_text() == OUTSIDE
    assert json.loads((scenario.results / "findings.json").read_text())["findings"]


def test_an_audit_trail_planted_as_a_link_is_refused_before_anything_is_written(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim"
    victim.write_text(OUTSIDE)
    scenario = build_scenario(fake, repo, tmp_path)
    scenario.results.mkdir()
    (scenario.results / "audit.jsonl").symlink_to(victim)

    assert scenario.run() == 2

    assert "audit.jsonl is a symbolic link; refusing to write through it" in capsys.readouterr().err
    assert victim.read_text() == OUTSIDE
    assert sorted(p.name for p in scenario.results.iterdir()) == ["audit.jsonl"]
