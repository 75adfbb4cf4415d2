"""`pr-review eval export`: a pull request reviewed and published (real Semgrep, the loopback GitHub),
a finding dismissed by a reviewer; its trail becomes cases a suite can load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE_DIR, GitRepo
from fakes import fake_github_server
from github_scenario import Scenario, review_once

from pr_review.cli import main

pytestmark = pytest.mark.slow

SQL_RULE = "pr-review.python.sql-injection"
REASON = "/pr-review dismiss the query is built from a constant allow-list"


@pytest.fixture(scope="module")
def dismissed(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """The example change, published, then published again after alice dismissed the SQL injection."""
    root = tmp_path_factory.mktemp("export")
    for name in ("repo", "review", "publish"):
        (root / name).mkdir()
    with fake_github_server(collaborators={"alice": "write"}) as fake:
        reviewed = review_once(fake, GitRepo(root / "repo"), root / "review")
        scenario = reviewed.serve(fake, root / "publish")
        assert scenario.publish("--pr", "7") == 0
        thread = next(c for c in fake.review_comments(7) if f"`{SQL_RULE}`" in c["body"])
        fake.add_review_comment(
            7, path=thread["path"], line=thread["line"], body=REASON, user="alice", in_reply_to_id=thread["id"]
        )
        assert scenario.publish("--pr", "7") == 0
        return scenario


def export(scenario: Scenario, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    audit = scenario.publish_dir / "publish-audit.jsonl"
    argv = ["eval", "export", "--audit", str(audit), "--repo", str(scenario.repo.path), "--out", str(out), *extra]
    code = main(argv, environ={})
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_confirmed_and_dismissed_findings_become_cases(
    dismissed: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cases"
    code, printed = export(dismissed, out, capsys, "--findings", str(dismissed.results / "findings.json"))
    assert code == 0
    labels = {d.name: json.loads((d / "case.json").read_text()) for d in out.iterdir()}
    sql = dismissed.fingerprint("CWE-89")
    safe = labels[f"exported-dismissed-{sql[:16]}"]
    assert (safe["vulnerable"], safe["cwe"], safe["file"]) == (False, "CWE-89", "app/views.py")
    assert safe["exported"]["dismissal"]["by"] == "alice"
    assert safe["exported"]["dismissal"]["reason"] == REASON.removeprefix("/pr-review dismiss ")
    assert safe["exported"]["head_sha"] == dismissed.head_sha
    assert any("accepted risk" in item for item in safe["exported"]["check"])
    command = labels[f"exported-confirmed-{dismissed.fingerprint('CWE-78')[:16]}"]
    assert (command["vulnerable"], command["cwe"]) == (True, "CWE-78")
    # The code is the file at the run's head and base commits.
    case = out / f"exported-dismissed-{sql[:16]}"
    assert (case / "head" / "app" / "views.py").read_text() == (EXAMPLE_DIR / "app" / "views.py").read_text()
    assert (case / "base" / "app" / "views.py").is_file()
    assert printed.count(": check it") == len(labels)


def test_exported_cases_load_as_a_suite(
    dismissed: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pr_review.eval.suite import load_suite

    out = tmp_path / "cases"
    export(dismissed, out, capsys, "--findings", str(dismissed.results / "findings.json"))
    suite = load_suite(out)
    assert len(suite.cases) == len(list(out.iterdir())) > 1


def test_without_the_runs_findings_no_case_is_guessed(
    dismissed: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cases"
    code, printed = export(dismissed, out, capsys)
    assert code == 0
    assert list(out.iterdir()) == []
    assert "no CWE for it (give the run's findings.json with --findings)" in printed


def test_a_tampered_trail_exports_nothing(
    dismissed: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "publish-audit.jsonl"
    copy.write_text((dismissed.publish_dir / "publish-audit.jsonl").read_text().replace("alice", "mallory", 1))
    argv = ["eval", "export", "--audit", str(copy), "--repo", str(dismissed.repo.path), "--out", str(tmp_path / "o")]
    assert main(argv, environ={}) == 2
    assert "TAMPERED or damaged" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
