"""Classification: detectors, false-positive traps, redaction that keeps lines, blocking by policy."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import GitRepo

from pr_review.classify.detect import detect_text, guard_output, mask_value
from pr_review.classify.personal import health_rules
from pr_review.classify.redact import Classified, build_model_view
from pr_review.config import ClassificationSettings
from pr_review.config_loader import build_config
from pr_review.errors import ConfigError
from pr_review.gather.change import PullRequestMeta
from pr_review.gather.local_git import from_git
from pr_review.scope import build_scope

ACCESS_KEY = "AKIA2E0A8F3B244C9986"
SECRET_KEY = "Zk3pQ9vLr2Xw8Tn5Yb1Hc7Ud4Fe6Ga0Jm2Ks9LqA"
EMAIL = "jane.doe@acme-corp.com"
CARD = "4539 1488 0343 6467"
DEFAULT = ClassificationSettings()
HEALTH = health_rules(DEFAULT.health_patterns, DEFAULT.health_keywords)


def _kinds(text: str, path: str = "app/x.py") -> list[tuple[int, str, str]]:
    return [(d.line, d.data_class, d.kind) for d in detect_text(text, path=path, health=HEALTH)]


@pytest.mark.parametrize(
    ("line", "data_class", "kind"),
    [
        (f'AWS_ACCESS_KEY_ID = "{ACCESS_KEY}"', "secret", "aws-access-key"),
        (f'aws_secret_access_key = "{SECRET_KEY}"', "secret", "aws-secret-key"),
        ('token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"', "secret", "github-token"),
        ('password = "hunter2"', "secret", "secret-assignment"),
        (f'contact = "{EMAIL}"', "personal-data", "email"),
        ("call +44 20 7946 0958 today", "personal-data", "phone"),
        ("ssn: 219-09-9999", "personal-data", "us-ssn"),
        ("iban = 'GB82 WEST 1234 5698 7654 32'", "personal-data", "iban"),
        (f"card = '{CARD}'", "pci", "payment-card"),
        ("server = '8.8.8.8'", "personal-data", "ip-address"),
        ("patient MRN:12345678", "health", "medical-record"),
        ("diagnosis code E11.9 for the patient", "health", "icd10-code"),
    ],
)
def test_detects(line: str, data_class: str, kind: str) -> None:
    assert (1, data_class, kind) in _kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        'id = "123e4567-e89b-12d3-a456-426614174000"',  # UUID
        'commit = "da39a3ee5e6b4b0d3255bfef95601890afd80709"',  # git SHA
        'integrity = "sha256-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
        'author = "bob@example.com"  # reserved domain',
        'to = "ci@build.test"; also "x@host.invalid", "me@localhost"',
        "logo = 'logo@2x.png'",
        "card = '4242 4242 4242 4242'  # Stripe's test card",
        "hosts = ['10.0.0.1', '127.0.0.1', '192.0.2.10', '2001:db8::1']",
        "timeout = 1700000000  # a timestamp, not a phone number",
        "version = 'E11.9'  # a release tag",
        "def handler(request): return render(request, 'index.html')",
        "password = os.environ['DB_PASSWORD']",
    ],
)
def test_false_positive_traps(line: str) -> None:
    assert _kinds(line) == []


def test_aws_documented_example_key_is_redacted_but_low_confidence() -> None:
    [detection] = detect_text('key = "AKIAIOSFODNN7EXAMPLE"', path="docs/x.py")
    assert detection.kind == "aws-access-key"
    assert detection.confidence < 0.5


def test_allowlist_pragma_written_by_the_pr_does_not_hide_a_secret() -> None:
    assert _kinds('password = "hunter2-prod"  # pragma: allowlist secret')


def test_private_key_block_every_line() -> None:
    text = "x = 1\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nq83kdl03\n-----END RSA PRIVATE KEY-----\n"
    lines = {line for line, data_class, _ in _kinds(text) if data_class == "secret"}
    assert {2, 3, 4} <= lines


def test_mask_value_shows_at_most_four_characters() -> None:
    assert mask_value(ACCESS_KEY) == "AKIA" + "*" * 16
    assert mask_value("hunter2") == "h******"
    assert mask_value("abc").startswith("***")


def test_guard_output_masks_and_reports() -> None:
    text = f"Found key {ACCESS_KEY}; contact {EMAIL}; see docs at ops@example.com"
    masked, anomalies = guard_output(text)
    assert ACCESS_KEY not in masked
    assert EMAIL not in masked
    assert "ops@example.com" in masked
    assert anomalies == ("output contained aws-access-key (masked)", "output contained email (masked)")
    masked, anomalies = guard_output("the value q83kdl03zz leaked", known_values=["q83kdl03zz"])
    assert "q83kdl03zz" not in masked
    assert anomalies == ("output contained known-secret (masked)",)
    assert guard_output("nothing here") == ("nothing here", ())


PR = PullRequestMeta(
    number=7,
    title=f"Add settings for {EMAIL}",
    body=f"Uses key {ACCESS_KEY}.\nSecond line.",
    head_ref="feature/settings",
    commit_messages=("first", f"card {CARD} in a commit message"),
)


def _classified(repo: GitRepo, files: dict[str, str], settings: dict[str, object] | None = None) -> Classified:
    base = repo.commit({"README.md": "hello\n"}, "base")
    head = repo.commit(files, "head")
    config = build_config(settings or {})
    change = dataclasses.replace(from_git(repo.path, base, head), pr=PR)
    return build_model_view(build_scope(change, config), config.classification)


SETTINGS_PY = f'''import os

AWS_ACCESS_KEY_ID = "{ACCESS_KEY}"
AWS_SECRET_ACCESS_KEY = "{SECRET_KEY}"
OWNER = "{EMAIL}"
BACKUP_KEY = AWS_ACCESS_KEY_ID or "{ACCESS_KEY}"
'''


def test_redaction_keeps_lines_and_numbers_placeholders(repo: GitRepo) -> None:
    view = _classified(repo, {"app/settings.py": SETTINGS_PY}).view
    text = view.files["app/settings.py"].text
    original = SETTINGS_PY.split("\n")
    redacted = text.split("\n")
    assert len(redacted) == len(original)
    assert redacted[2] == 'AWS_ACCESS_KEY_ID = "[REDACTED:aws-access-key#1]"'
    assert redacted[3] == 'AWS_SECRET_ACCESS_KEY = "[REDACTED:aws-secret-key#1]"'
    assert redacted[4] == 'OWNER = "[REDACTED:email#1]"'
    assert redacted[5] == 'BACKUP_KEY = AWS_ACCESS_KEY_ID or "[REDACTED:aws-access-key#1]"'  # same value, same number
    for raw in (ACCESS_KEY, SECRET_KEY, EMAIL):
        assert raw not in text
    assert {(r.line, r.data_class, r.kind) for r in view.redactions} >= {
        (3, "secret", "aws-access-key"),
        (4, "secret", "aws-secret-key"),
        (5, "personal-data", "email"),
    }


def test_pr_metadata_is_redacted(repo: GitRepo) -> None:
    view = _classified(repo, {"a.py": "x = 1\n"}).view
    assert view.pr.title == "Add settings for [REDACTED:email#1]"
    assert view.pr.body == "Uses key [REDACTED:aws-access-key#1].\nSecond line."  # same line count
    assert view.pr.commit_messages == ("first", "[WITHHELD: contains payment card data]")
    assert view.pr.head_ref == "feature/settings"
    assert any(r.path == "" and r.kind == "email" for r in view.redactions)
    assert "commit message 2" in {w.path for w in view.withheld}


def test_card_data_blocks_the_file_with_the_policy_in_the_reason(repo: GitRepo) -> None:
    classified = _classified(repo, {"billing/charge.py": f"CARD = '{CARD}'\n", "ok.py": "x = 1\n"})
    view = classified.view
    assert "billing/charge.py" not in view.files
    assert "ok.py" in view.files
    withheld = view.withheld[0]
    assert withheld.path == "billing/charge.py"
    assert withheld.reason == (
        "withheld from the model: contains payment card data (policy classification.policy.pci: block)"
    )
    assert CARD in classified.sensitive_values  # still masked in any finding that quotes it


def test_path_classes_and_policy_from_config(repo: GitRepo) -> None:
    settings = {
        "classification": {
            "paths": {"services/payments/**": "pci", "research/**": "restricted", "docs/**": "public"},
            "policy": {"personal-data": "allow", "public": "allow"},
        }
    }
    files = {
        "services/payments/api.py": "x = 1\n",
        "research/notes.md": "data\n",
        "docs/guide.md": f"mail {EMAIL}\n",
    }
    view = _classified(repo, files, settings).view
    reasons = {w.path: w.reason for w in view.withheld}
    assert "classification.paths 'services/payments/**'" in reasons["services/payments/api.py"]
    assert "no classification.policy for 'restricted': blocked by default" in reasons["research/notes.md"]
    assert view.files["docs/guide.md"].text == f"mail {EMAIL}\n"  # personal-data: allow
    assert view.files["docs/guide.md"].classes == {"personal-data", "public"}


def test_health_patterns_are_configurable(repo: GitRepo) -> None:
    settings = {"classification": {"health": {"patterns": [r"\bPATIENT-\d{4}\b"], "keywords": []}}}
    files = {"a.py": "ref = 'PATIENT-0042'\n", "b.py": "ref = 'CASE-0042'\n", "c.py": "mrn = 'MRN: 00123456'\n"}
    view = _classified(repo, files, settings).view
    # The configured pattern adds to the built-in medical-record recognizer, it does not replace it.
    assert [w.path for w in view.withheld if w.path.endswith(".py")] == ["a.py", "c.py"]


def test_invalid_health_pattern_is_a_config_error(repo: GitRepo) -> None:
    with pytest.raises(ConfigError, match=r"classification\.health\.patterns"):
        _classified(repo, {"a.py": "x\n"}, {"classification": {"health": {"patterns": ["(unclosed"]}}})


def test_unknown_policy_value_is_rejected_by_the_schema() -> None:
    from pr_review.config_loader import load_config_text

    with pytest.raises(ConfigError, match=r"classification\.policy\.pci"):
        load_config_text("classification:\n  policy:\n    pci: redcat\n", "cfg.yml")
