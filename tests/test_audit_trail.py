"""Issue 6's done-when: a change adding an AWS key pair and a customer email is reviewed with
neither reaching the model nor any output; the audit trail shows what happened and verifies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GitRepo
from fakes import FakeAnthropic, fake_anthropic_server

from pr_review.audit_verify import verify
from pr_review.cli import main

ACCESS_KEY = "AKIA" + "Q3EGRZ5PLHXK7WNM"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "zq8d3Ltv9A"
EMAIL = "maria.gonzalez@acme-payments.de"
CHANGE = f'''import boto3

AWS_ACCESS_KEY_ID = "{ACCESS_KEY}"
AWS_SECRET_ACCESS_KEY = "{SECRET_KEY}"
BILLING_CONTACT = "{EMAIL}"


def client():
    return boto3.client("s3", aws_access_key_id=AWS_ACCESS_KEY_ID, aws_secret_access_key=AWS_SECRET_ACCESS_KEY)
'''


@pytest.fixture
def fake_claude() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as fake:
        yield fake


def test_secrets_and_personal_data_never_leave_and_the_audit_trail_verifies(
    repo: GitRepo, tmp_path: Path, fake_claude: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit({"README.md": "billing\n"}, "base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"billing/aws.py": CHANGE}, "add the S3 client")
    out = tmp_path / "results"
    environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": fake_claude.url, "PATH": "/usr/bin:/bin"}

    code = main(["scan", str(repo.path), "--base", "main", "--head", "feature", "--out", str(out)], environ=environ)

    assert code == 0
    sent = json.dumps(fake_claude.message_requests())
    assert fake_claude.message_requests(), "the file was sent to Claude, redacted"
    for raw in (ACCESS_KEY, SECRET_KEY, EMAIL):
        assert raw not in sent
        for name in ("findings.json", "results.sarif", "summary.md", "audit.jsonl"):
            assert raw not in (out / name).read_text(), f"{raw[:6]}… leaked into {name}"
        assert raw not in capsys.readouterr().out
    assert "[REDACTED:aws-access-key#1]" in sent

    report = json.loads((out / "findings.json").read_text())
    cwes = {c for f in report["findings"] for c in f["cwe"]}
    assert "CWE-798" in cwes
    assert "CWE-359" in cwes

    events = [json.loads(line) for line in (out / "audit.jsonl").read_text().splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds[0] == "run_started"
    assert kinds[-1] == "run_finished"
    classification = next(e for e in events if e["event"] == "classification" and e["data"]["path"] == "billing/aws.py")
    assert classification["data"]["action"] == "redact"
    assert {"secret", "personal-data"} <= set(classification["data"]["classes"])
    request = next(e for e in events if e["event"] == "model_request")
    assert request["data"]["provider"] == "anthropic"
    assert request["data"]["classes_sent"] == ["code"], "redacted values are not sent: only code remains"
    assert "content" not in request["data"], "prompts are not stored unless audit.store_prompts"
    assert any(e["event"] == "model_response" for e in events)
    assert any(e["event"] == "finding" and "secrets" in e["data"]["sources"] for e in events)

    assert verify(out / "audit.jsonl").ok
    assert main(["audit", "verify", str(out / "audit.jsonl")], environ={}) == 0
