"""Issue 12 §4: a log cut at a run boundary is caught. Each run publishes its trail's chain head
outside the file (step output, job summary, the summary comment) and `audit verify --expect-head`
or `--pr` fails when the file no longer reaches it. Issue 13 §13: with the key, a line without a
MAC fails.

Through `pr-review run` / `publish` / `scan` against the loopback GitHub and the real Semgrep.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLE_DIFF, EXAMPLE_DIR
from fakes import FakeGitHub
from github_scenario import ISSUE_COMMENTS, Scenario

from pr_review.audit import DOMAIN, GENESIS, sha256_hex
from pr_review.cli import main
from pr_review.github.comments import SummaryRecord

KEY = "0123456789abcdef0123456789abcdef"


def line_hash(line: bytes) -> str:
    return sha256_hex(DOMAIN + line.rstrip(b"\n"))


def verify(capsys: pytest.CaptureFixture[str], *args: str, **environ: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["audit", "verify", *args], environ=environ)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def github_env(scenario: Scenario) -> dict[str, str]:
    """What an auditor sets to check a log against the pull request (a read token is enough)."""
    return {"GITHUB_REPOSITORY": "octo/app", "GITHUB_TOKEN": "t", "GITHUB_API_URL": scenario.fake.url}


def cut_last_run(log: Path) -> None:
    """Remove the last run entirely: what is left is a chain of finished runs, intact on its own."""
    lines = log.read_bytes().splitlines(keepends=True)
    last_run = json.loads(lines[-1])["run_id"]
    log.write_bytes(b"".join(line for line in lines if json.loads(line)["run_id"] != last_run))


def test_run_publishes_the_head_and_a_log_cut_at_a_run_boundary_fails_against_it(
    scenario: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scenario.run() == 0
    assert scenario.run() == 0  # a second run appends to the same audit.jsonl
    log = scenario.results / "audit.jsonl"
    head = line_hash(log.read_bytes().splitlines()[-1])

    assert scenario.outputs()["audit-head"] == head
    assert f"--expect-head {head}" in scenario.summary_path.read_text()
    [summary] = scenario.summaries()
    assert summary["body"].splitlines()[-1].endswith(f" audit-head={head} -->")
    assert summary["body"].count("audit-head=") == 1  # the first run's head was replaced
    assert verify(capsys, str(log), "--expect-head", head)[0] == 0
    code, out = verify(capsys, str(log), "--pr", "7", **github_env(scenario))
    assert code == 0, out
    assert f"reaches the published head {head[:16]}" in out

    cut_last_run(log)

    code, out = verify(capsys, str(log))
    assert code == 0, "the chain alone cannot tell: this is what the published head is for"
    code, out = verify(capsys, str(log), "--expect-head", head)
    assert code == 1
    assert f"no line has the expected head {head}: lines were cut from the end" in out
    code, out = verify(capsys, str(log), "--pr", "7", **github_env(scenario))
    assert code == 1
    assert "TAMPERED" in out
    assert "lines were cut from the end" in out


def test_a_marker_in_someone_elses_comment_or_mid_body_does_not_count(
    scenario: Scenario, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scenario.run() == 0
    log = scenario.results / "audit.jsonl"
    first_head = line_hash(log.read_bytes().splitlines()[-1])
    assert scenario.run() == 0
    cut_last_run(log)  # back to the first run's head
    forged = f"Looks good!\n{SummaryRecord(audit_head=first_head).marker()}"
    fake.add_issue_comment(7, forged, user="mallory")

    code, out = verify(capsys, str(log), "--pr", "7", **github_env(scenario))
    assert code == 1, "mallory's comment is not the bot's summary"
    assert "lines were cut from the end" in out

    # Another app's bot comment counts only until the reviewing bot is named.
    fake.add_issue_comment(7, forged, user="other-app[bot]")
    assert verify(capsys, str(log), "--pr", "7", **github_env(scenario))[0] == 0
    code, out = verify(capsys, str(log), "--pr", "7", "--bot-login", "github-actions[bot]", **github_env(scenario))
    assert code == 1
    assert "lines were cut from the end" in out


def test_head_mismatch_and_bad_input(scenario: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    assert scenario.run() == 0
    log = str(scenario.results / "audit.jsonl")

    code, out = verify(capsys, log, "--expect-head", "ab" * 32)
    assert code == 1
    assert f"no line has the expected head {'ab' * 32}" in out
    code, out = verify(capsys, log, "--expect-head", "not-a-hash")
    assert code == 2
    assert "is not an audit chain head (64 hex digits, sha256)" in out
    code, out = verify(capsys, log, "--pr", "7", GITHUB_REPOSITORY="octo/app")
    assert code == 2
    assert "--pr needs GITHUB_TOKEN" in out
    code, out = verify(capsys, log, "--bot-login", "someone")
    assert code == 2
    assert "--bot-login only applies with --pr" in out


def test_a_pull_request_without_a_published_head_is_not_verified(
    scenario: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scenario.run("--no-post") == 0
    code, out = verify(capsys, str(scenario.results / "audit.jsonl"), "--pr", "7", **github_env(scenario))
    assert code == 1
    assert "NOT VERIFIED" in out
    assert "carries no audit head" in out


def test_publish_marks_the_summary_with_its_own_trail(scenario: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    assert scenario.run("--no-post") == 0
    assert scenario.publish("--pr", "7", GITHUB_EVENT_NAME="workflow_run") == 0
    log = scenario.publish_dir / "publish-audit.jsonl"  # publish keeps its own trail
    head = line_hash(log.read_bytes().splitlines()[-1])

    [summary] = scenario.summaries()
    assert summary["body"].splitlines()[-1].endswith(f" audit-head={head} -->")
    assert scenario.outputs()["audit-head"] == head
    assert verify(capsys, str(log), "--pr", "7", **github_env(scenario))[0] == 0


def test_a_failed_run_still_publishes_its_head(
    scenario: Scenario, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.fail("POST", ISSUE_COMMENTS, 422)  # the summary is refused: the run fails (exit 3)

    assert scenario.run() == 3

    log = scenario.results / "audit.jsonl"
    last = json.loads(log.read_bytes().splitlines()[-1])
    assert (last["event"], last["data"]["status"]) == ("run_finished", "failed")
    head = scenario.outputs()["audit-head"]
    assert head == line_hash(log.read_bytes().splitlines()[-1])
    assert verify(capsys, str(log), "--expect-head", head)[0] == 0


def stripped_of_macs(log: Path) -> None:
    """Every mac removed and the chain recomputed: all an attacker without the key can do."""
    prev, out = GENESIS, []
    for raw in log.read_bytes().splitlines():
        event = json.loads(raw)
        assert "mac" in event
        del event["mac"]
        event["prev"] = prev
        line = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        out.append(line + b"\n")
        prev = line_hash(line)
    log.write_bytes(b"".join(out))


def test_a_log_stripped_of_its_macs_fails_when_the_key_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results"
    argv = ["scan", str(EXAMPLE_DIR), "--diff", str(EXAMPLE_DIFF), "--format", "json", "--out", str(out)]
    assert main(argv, environ={"PATH": os.environ.get("PATH", ""), "PR_REVIEW_AUDIT_KEY": KEY}) == 0
    log = out / "audit.jsonl"
    code, text = verify(capsys, str(log), PR_REVIEW_AUDIT_KEY=KEY)
    assert code == 0
    assert "signed, MAC verified" in text

    stripped_of_macs(log)

    code, text = verify(capsys, str(log), PR_REVIEW_AUDIT_KEY=KEY)
    assert code == 1
    assert "line 1: no mac, but a key was given: every line must be signed" in text
    code, text = verify(capsys, str(log))
    assert code == 0, "without the key an unsigned log is all one can check"
    assert "unsigned" in text
