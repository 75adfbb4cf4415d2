"""Secrets as findings, masked everywhere; the done-when scenario through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GitRepo

from pr_review.analyzers.secrets import added_line_findings
from pr_review.classify.redact import mask_known_secrets
from pr_review.cli import main
from pr_review.config import ClassificationSettings
from pr_review.fingerprint import code_fingerprint
from pr_review.models import CodeLocation, Finding, Severity

ACCESS_KEY = "AKIA2E0A8F3B244C9986"
SECRET_KEY = "Zk3pQ9vLr2Xw8Tn5Yb1Hc7Ud4Fe6Ga0Jm2Ks9LqA"
EMAIL = "jane.doe@acme-corp.com"
SETTINGS_PY = f'''import os

AWS_ACCESS_KEY_ID = "{ACCESS_KEY}"
aws_secret_access_key = "{SECRET_KEY}"
SUPPORT_CONTACT = "{EMAIL}"
password = os.environ["DB_PASSWORD"]
'''


def test_secret_finding_is_masked_with_a_stable_fingerprint() -> None:
    added = frozenset({3, 4, 5})
    findings = added_line_findings("app/settings.py", SETTINGS_PY, added, ClassificationSettings())
    by_rule = {f.rule_ids[0]: f for f in findings}
    access = by_rule["secrets.aws-access-key"]
    assert access.cwe == ("CWE-798",)
    assert access.sources == ("secrets",)
    assert access.severity is Severity.HIGH
    assert access.location == CodeLocation("app/settings.py", 3, 3)
    assert access.evidence == 'AWS_ACCESS_KEY_ID = "AKIA****************"'
    assert by_rule["secrets.aws-secret-key"].evidence.endswith('"Zk3p' + "*" * 36 + '"')
    email = by_rule["pr-review.personal-data.email"]
    assert (email.cwe, email.severity) == (("CWE-359",), Severity.LOW)
    # Same secret, moved down two lines: same fingerprint.
    moved = added_line_findings("app/settings.py", "\n\n" + SETTINGS_PY, frozenset({5}), ClassificationSettings())
    assert moved[0].fingerprint == access.fingerprint
    # A different secret on an otherwise identical line: a different fingerprint.
    other = SETTINGS_PY.replace(ACCESS_KEY, "AKIA7Q2WZ4X9R1T3Y5U8")
    assert added_line_findings("app/settings.py", other, frozenset({3}), ClassificationSettings())[0].fingerprint != (
        access.fingerprint
    )


def test_personal_data_in_test_paths_is_not_a_finding() -> None:
    findings = added_line_findings("tests/test_users.py", SETTINGS_PY, frozenset({3, 5}), ClassificationSettings())
    assert [f.rule_ids[0] for f in findings] == ["secrets.aws-access-key"]


def test_only_added_lines_are_reported() -> None:
    assert added_line_findings("app/settings.py", SETTINGS_PY, frozenset({1, 6}), ClassificationSettings()) == []


def test_mask_known_secrets_covers_every_text_field() -> None:
    raw = f'token = "{ACCESS_KEY}"'
    finding = Finding(
        fingerprint=code_fingerprint("CWE-798", "a.py", raw),
        sources=("semgrep",),
        rule_ids=("x",),
        title=f"Token {ACCESS_KEY}",
        severity=Severity.MEDIUM,
        confidence=0.8,
        cwe=("CWE-798",),
        location=CodeLocation("a.py", 1, 1),
        in_diff=True,
        description=raw,
        exploit_scenario=raw,
        recommendation=raw,
        suggested_fix=raw.replace("token", "TOKEN"),
        evidence=raw,
    )
    [masked] = mask_known_secrets([finding], {ACCESS_KEY})
    text = json.dumps([masked.title, masked.description, masked.exploit_scenario, masked.recommendation])
    assert ACCESS_KEY not in text + (masked.suggested_fix or "") + masked.evidence
    assert masked.evidence == 'token = "AKIA****************"'


@pytest.mark.slow
def test_done_when_aws_key_pair_and_customer_email(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = repo.commit({"README.md": "service\n"}, "base")
    repo.commit({"app/settings.py": SETTINGS_PY}, "add settings")
    out = tmp_path / "out"
    code = main(["scan", str(repo.path), "--base", base, "--out", str(out)], environ={})
    stdout, stderr = capsys.readouterr()
    assert code == 0
    outputs = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    outputs["stdout"], outputs["stderr"] = stdout, stderr
    assert {"findings.json", "results.sarif", "summary.md"} <= set(outputs)
    for name, text in outputs.items():
        for raw in (ACCESS_KEY, SECRET_KEY, EMAIL):
            assert raw not in text, f"{raw[:4]}… leaked into {name}"
    report = json.loads(outputs["findings.json"])
    # The key pair on lines 3-4 (and Semgrep's hard-coded credential rule there) is one issue after
    # merging: every rule that found it is kept on it.
    by_rule = {rule: f for f in report["findings"] for rule in f["rule_ids"]}
    for rule, line in (("secrets.aws-access-key", 3), ("secrets.aws-secret-key", 4)):
        places = [by_rule[rule]["location"], *by_rule[rule].get("extra_locations", [])]
        assert any(p["start_line"] <= line <= p["end_line"] for p in places), (rule, places)
        assert "CWE-798" in by_rule[rule]["cwe"]
    email = by_rule["pr-review.personal-data.email"]
    assert (email["location"]["start_line"], email["cwe"]) == (5, ["CWE-359"])
    summary = outputs["summary.md"]
    assert "### Withheld or redacted before reaching a model" in summary
    assert "redacted: 1 aws-access-key, 1 aws-secret-key" in summary
    assert "redacted: 1 email" in summary


@pytest.mark.slow
def test_blocked_and_redacted_values_never_reach_the_model(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fakes import fake_anthropic_server

    card = "4539 1488 0343 6467"
    base = repo.commit({"README.md": "service\n"}, "base")
    repo.commit(
        {"app/settings.py": SETTINGS_PY, "billing/charge.py": f"CARD = '{card}'  # UNIQUE-BLOCKED-MARKER\n"},
        "add settings",
    )
    with fake_anthropic_server() as fake:
        environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": fake.url}
        main(["scan", str(repo.path), "--base", base, "--format", "json"], environ=environ)
        bodies = [call.body.decode("utf-8", errors="replace") for call in fake.requests]
    capsys.readouterr()
    sent = "\n".join(bodies)
    for raw in (ACCESS_KEY, SECRET_KEY, EMAIL, card, "UNIQUE-BLOCKED-MARKER"):
        assert raw not in sent
    if bodies:  # the Claude analyzer is built: the redacted file went, with placeholders
        assert "[REDACTED:aws-access-key#1]" in sent
