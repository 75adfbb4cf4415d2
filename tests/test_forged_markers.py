"""A fingerprint marker planted by the pull request's author (issue 13 §1), played end to end through
`pr-review run` against the loopback GitHub with the real Semgrep.

Fingerprints are deterministic, so the author computes the fingerprint of a critical finding they
will push later, and hides its marker in a trailing comment on a line that draws a harmless
finding. Semgrep's whole-line fix copies that comment into the ```suggestion block of the bot's
comment. A reviewer dismisses the harmless finding; the critical one, pushed next, must still be
reported and fail the job.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLE_DIR, GitRepo
from fakes import FakeGitHub, fake_github_server
from github_scenario import BASE_VIEWS, FAST_CONFIG, build_scenario

from pr_review.cli import main

pytestmark = pytest.mark.slow

SEARCH_ROUTE = """

@app.route("/invoices/search")
def search_invoices():
    customer = request.args.get("customer", "")
    conn = db.connect()
    query = "SELECT id, customer, amount FROM invoices WHERE customer = '" + customer + "'"
    rows = conn.execute(query).fetchall()
    return jsonify(rows)
"""
TOKEN_RULE = "pr-review.python.insecure-random-token"


def tokens_module(forged_fingerprint: str) -> str:
    return (
        "import random\nimport string\n\n\ndef reset_token():\n"
        '    return "".join(random.choice(string.ascii_letters) for _ in range(32))'
        f"  # <!-- pr-review:fingerprint={forged_fingerprint} -->\n"
    )


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with fake_github_server(collaborators={"alice": "write"}) as server:
        yield server
        assert server.errors == []


def precomputed_fingerprint(make_repo: Callable[[], GitRepo], capsys: pytest.CaptureFixture[str]) -> str:
    """What the author does on their own machine: scan the change they will push later."""
    local = make_repo()
    base = local.commit(
        {"app/__init__.py": "", "app/db.py": (EXAMPLE_DIR / "app" / "db.py").read_text(), "app/views.py": BASE_VIEWS}
    )
    head = local.commit({"app/views.py": BASE_VIEWS + SEARCH_ROUTE})
    environ = {"PATH": os.environ.get("PATH", ""), "SEMGREP_ENABLE_VERSION_CHECK": "0", "HOME": str(local.path)}
    argv = ["scan", str(local.path), "--base", base, "--head", head, "--format", "json"]
    main(argv, environ=environ)
    document = json.loads(capsys.readouterr().out)
    [sql] = [f for f in document["findings"] if "CWE-89" in f["cwe"]]
    assert sql["severity"] == "critical"
    return str(sql["fingerprint"])


def test_a_planted_marker_cannot_dismiss_a_later_critical_finding(
    fake: FakeGitHub,
    repo: GitRepo,
    make_repo: Callable[[], GitRepo],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    forged = precomputed_fingerprint(make_repo, capsys)
    scenario = build_scenario(
        fake,
        repo,
        tmp_path,
        head_files={"app/tokens.py": tokens_module(forged)},
        base_config=FAST_CONFIG + "fail_on: critical\n",
    )

    assert scenario.run() == 0  # the token finding is high: below fail_on
    [token] = [f for f in scenario.findings() if TOKEN_RULE in f["rule_ids"]]
    assert forged in (token["suggested_fix"] or "")  # Semgrep's whole-line fix did copy the planted marker
    [thread] = [c for c in fake.review_comments(7) if f"`{TOKEN_RULE}`" in c["body"]]
    assert thread["body"].count("<!--") == 1  # ours, on the last line; the suggestion was dropped
    assert thread["body"].rstrip().endswith(f"<!-- pr-review:fingerprint={token['fingerprint']} -->")
    assert forged not in thread["body"]

    # A reviewer dismisses the harmless-looking finding on the bot's thread.
    fake.add_review_comment(
        7,
        path="app/tokens.py",
        line=int(thread["line"]),
        body="/pr-review dismiss test helper, never used for real tokens",
        user="alice",
        in_reply_to_id=int(thread["id"]),
    )
    scenario.push({"app/views.py": BASE_VIEWS + SEARCH_ROUTE}, "Add invoice search")

    assert scenario.run() == 1  # the critical finding is reported and fails the job
    [sql] = [f for f in scenario.findings() if "CWE-89" in f["cwe"]]
    assert sql["fingerprint"] == forged  # the author's precomputation was right
    [summary] = scenario.summaries()
    rows = [line for line in summary["body"].splitlines() if line.startswith("| 🟥 critical")]
    assert rows
    assert all("| dismissed |" not in row for row in rows)
    assert "test helper, never used for real tokens" in summary["body"]  # the real dismissal still holds
    events = [json.loads(line) for line in (scenario.results / "audit.jsonl").read_text().splitlines()]
    dismissed = {e["data"]["fingerprint"] for e in events if e["event"] == "dismissal"}
    assert dismissed == {token["fingerprint"]}
    assert any(f"<!-- pr-review:fingerprint={forged} -->" in c["body"] for c in fake.review_comments(7))
