"""GitHub's size limits: a pull request with hundreds of findings still gets its summary comment,
within 65,536 characters and with its record intact, and a job summary under 1 MiB."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import GitRepo
from fakes import FakeGitHub, fake_github_server
from github_scenario import FAST_CONFIG, SUMMARY_MARKER, ReviewedChange, finding_rows, review_once

from pr_review.github.comments import read_record

GITHUB_BODY_LIMIT = 65_536
JOB_SUMMARY_LIMIT = 1024 * 1024
SEVERITIES = ("critical", "high", "medium", "low", "info")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> ReviewedChange:
    with fake_github_server() as fake:
        return review_once(fake, GitRepo(tmp_path_factory.mktemp("repo")), tmp_path_factory.mktemp("run"))


def hundreds_of_findings(template: dict[str, Any], count: int, files: int) -> list[dict[str, Any]]:
    """`count` findings across `files` files, every severity, each with a long title."""
    findings = []
    for i in range(count):
        path = f"src/module_{i % files:02d}/handlers.py"
        finding = dict(template)
        finding |= {
            "fingerprint": hashlib.sha256(f"finding {i}".encode()).hexdigest()[:32],
            "severity": SEVERITIES[i % len(SEVERITIES)],
            "title": f"Finding {i:03d}: " + "untrusted input reaches a dangerous sink " * 6,
            "location": dict(template["location"], path=path, start_line=i + 1, end_line=i + 1),
        }
        findings.append(finding)
    return findings


def test_three_hundred_findings_fit_one_summary_comment_and_the_job_summary(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = reviewed.serve(fake, tmp_path, config=FAST_CONFIG)
    path = scenario.results / "findings.json"
    document = json.loads(path.read_text())
    text_fields = ("description", "exploit_scenario", "recommendation", "evidence", "suggested_fix")
    largest: dict[str, Any] = dict.fromkeys(text_fields, "x" * 20_000)
    largest["cwe"] = [f"CWE-{n}" for n in range(1, 3001)]  # the schema sets no bound
    largest["rule_ids"] = [f"rule-{n:04d}-" + "r" * 280 for n in range(600)]
    # The change's own findings, in the diff, with every text field at the schema's maximum.
    in_diff = [
        dict(f, title="t" * 300, help_uri="https://example.com/" + "h" * 1980) | largest for f in document["findings"]
    ]
    document["findings"] = in_diff + hundreds_of_findings(document["findings"][0], 300 - len(in_diff), 40)
    document["not_reviewed"] += [
        {"path": f"vendor/lib_{i:04d}/" + "p" * 100 + ".min.js", "reason": "excluded by paths.exclude", "analyzer": ""}
        for i in range(2000)
    ]
    path.write_text(json.dumps(document))

    assert scenario.publish("--pr", "7") == 0

    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith(("::error", "::warning"))]
    assert annotations
    assert all(len(line) < 1_500 for line in annotations)  # 3,000 CWEs named in one finding's message, cut
    assert len(fake.reviews(7)) == 1
    assert sorted(c["line"] for c in fake.review_comments(7)) == sorted(f["location"]["end_line"] for f in in_diff)
    assert all(len(c["body"]) <= GITHUB_BODY_LIMIT for c in fake.review_comments(7))
    [summary] = scenario.summaries()
    body = summary["body"]
    assert len(body) <= GITHUB_BODY_LIMIT
    last_line = body.rstrip("\n").rpartition("\n")[2]
    assert last_line.startswith(SUMMARY_MARKER)
    assert last_line.endswith(" -->")
    assert len(read_record(body).fingerprints) == 300  # the record is whole, audit head included
    assert read_record(body).audit_head is not None
    listed = finding_rows(body)
    assert 0 < len(listed) < 300
    shown_severities = [next(s for s in SEVERITIES if s in row) for row in listed]
    assert shown_severities == sorted(shown_severities, key=SEVERITIES.index)  # most severe first
    assert f"**{300 - len(listed)} more finding(s) not listed here**" in body
    assert "`findings.json` and `results.sarif`" in body
    assert "### Not reviewed (2" in body
    assert "… the rest of this summary is cut to fit" in body  # 2,000 files not reviewed, listed in part
    job_summary = scenario.summary_path.read_bytes()
    assert len(job_summary) < JOB_SUMMARY_LIMIT
    assert len(finding_rows(job_summary.decode())) == 300  # the job summary has room for all of them

    # A second run edits the same comment in place, record and audit head included, still within the limit.
    assert scenario.publish("--pr", "7") == 0
    [edited] = scenario.summaries()
    assert edited["id"] == summary["id"]
    assert len(edited["body"]) <= GITHUB_BODY_LIMIT
    assert len(read_record(edited["body"]).fingerprints) == 300
    assert read_record(edited["body"]).audit_head not in (None, read_record(body).audit_head)


def test_thousands_of_findings_keep_a_record_that_fits_and_every_thread(
    reviewed: ReviewedChange, fake: FakeGitHub, tmp_path: Path
) -> None:
    """The record lists the current fingerprints; past its share of the comment it keeps the bot's
    threads and as many others as fit, so even 3,000 findings get their summary comment."""
    scenario = reviewed.serve(fake, tmp_path, config=FAST_CONFIG)
    path = scenario.results / "findings.json"
    document = json.loads(path.read_text())
    in_diff = document["findings"]
    document["findings"] = in_diff + hundreds_of_findings(in_diff[0], 3000, 60)
    path.write_text(json.dumps(document))

    assert scenario.publish("--pr", "7") == 0

    [summary] = scenario.summaries()
    assert len(summary["body"]) <= GITHUB_BODY_LIMIT
    record = read_record(summary["body"])
    assert record.audit_head is not None
    threads = {c["id"] for c in fake.review_comments(7)}
    assert threads
    assert set(record.comments) == threads  # every thread stays bound to its fingerprint
    assert set(record.comments.values()) <= record.fingerprints
    assert 500 < len(record.fingerprints) < 3000 + len(in_diff)  # the rest as room allows
    assert "more finding(s) not listed here" in summary["body"]
