"""Secrets (and personal data) the change adds, as findings. Local: runs on the real files.

The raw value never leaves this module: `evidence` holds the masked line, and the fingerprint is
computed over the masked line plus a hash of the value, so the same secret keeps its identity
across runs without being recoverable from it.
"""

from __future__ import annotations

import hashlib
import time

from pr_review.analyzers.base import AnalyzerBase, AnalyzerResult, AnalyzerStatus, ReviewInput
from pr_review.classify import injection, policy
from pr_review.classify.detect import PCI, PERSONAL, SECRET, Detection, detect_lines, mask_in_text
from pr_review.config import ClassificationSettings
from pr_review.fingerprint import code_fingerprint
from pr_review.models import CodeLocation, Finding, Severity, Source

SECRET_CWE = "CWE-798"  # noqa: S105 (a CWE id, not a password)
PERSONAL_CWE = "CWE-359"
_NAMES = {
    "aws-access-key": "AWS access key ID",
    "aws-secret-key": "AWS secret access key",
    "private-key": "private key",
    "github-token": "GitHub token",
    "anthropic-api-key": "Anthropic API key",
    "openai-api-key": "OpenAI API key",
    "google-api-key": "Google API key",
    "slack-token": "Slack token",
    "stripe-access-key": "Stripe API key",
    "bearer-token": "bearer token",
    "basic-auth-password": "password in a URL",
    "jwt": "JSON Web Token",
    "secret-assignment": "hardcoded password or secret",
    "high-entropy-string": "high-entropy string (likely a key or token)",
    "high-entropy-hex": "high-entropy hex string (likely a key or token)",
    "email": "email address",
    "phone": "phone number",
    "us-ssn": "US Social Security number",
    "iban": "IBAN (bank account number)",
    "payment-card": "payment card number",
}
_NOT_REPORTED = frozenset({"ip-address"})  # redacted before a model; too noisy as a finding


def _name(kind: str) -> str:
    return _NAMES.get(kind, kind.replace("-", " "))


def _secret_finding(path: str, detection: Detection, masked_line: str) -> Finding:
    digest = hashlib.sha256(detection.value.encode()).hexdigest()
    example = detection.confidence < 0.5
    return Finding(
        fingerprint=code_fingerprint(SECRET_CWE, path, f"{masked_line}\x1f{digest}"),
        sources=(Source.SECRETS.value,),
        rule_ids=(f"secrets.{detection.kind}",),
        title=f"Hardcoded secret: {_name(detection.kind)}" + (" (a documented example value)" if example else ""),
        severity=Severity.LOW if example else Severity.HIGH,
        confidence=detection.confidence,
        cwe=(SECRET_CWE,),
        location=CodeLocation(path, detection.line, detection.line),
        in_diff=True,
        description=(
            f"This change adds a {_name(detection.kind)}. Anyone who can read the repository, its forks or "
            "its history can use it. The value is masked here and was redacted before any model saw the file."
        ),
        recommendation=(
            "Revoke or rotate the credential now (deleting the line does not remove it from git history), "
            "then load it at run time from a secret store or an environment variable."
        ),
        evidence=masked_line,
    )


def _personal_finding(path: str, detection: Detection, masked_line: str) -> Finding:
    card = detection.data_class == PCI
    return Finding(
        fingerprint=code_fingerprint(PERSONAL_CWE, path, masked_line),
        sources=(Source.PR_REVIEW.value,),
        rule_ids=(f"pr-review.personal-data.{detection.kind}",),
        title=f"Personal data in source: {_name(detection.kind)}",
        severity=Severity.MEDIUM if card else Severity.LOW,
        confidence=detection.confidence,
        cwe=(PERSONAL_CWE,),
        location=CodeLocation(path, detection.line, detection.line),
        in_diff=True,
        description=(
            f"This change adds what looks like a real {_name(detection.kind)} outside test code (CWE-359, "
            "Exposure of Private Personal Information). It was redacted or withheld before any model saw it."
        ),
        recommendation="Use synthetic data (example.com addresses, documented test numbers) or load it at run time.",
        evidence=masked_line,
    )


def added_line_findings(path: str, text: str, added: frozenset[int], settings: ClassificationSettings) -> list[Finding]:
    lines = text.split("\n")
    found = detect_lines(lines, path=path, region=settings.phone_region, only=added)
    values_by_line: dict[int, set[str]] = {}
    for detection in found:
        values_by_line.setdefault(detection.line, set()).add(detection.value)
    report_personal = settings.personal_data_findings and not policy.is_test_path(path, settings)
    findings: list[Finding] = []
    for detection in found:
        masked = mask_in_text(lines[detection.line - 1][:2000], values_by_line[detection.line])
        if detection.data_class == SECRET:
            findings.append(_secret_finding(path, detection, masked))
        elif detection.data_class in (PERSONAL, PCI) and report_personal and detection.kind not in _NOT_REPORTED:
            findings.append(_personal_finding(path, detection, masked))
    return findings


class SecretsAnalyzer(AnalyzerBase):
    name = "secrets"
    supporting = True

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        started = time.monotonic()
        settings = review.config.classification
        findings: list[Finding] = []
        for changed in review.scope.files:
            if changed.added_lines:
                text = review.scope.text(changed.path)
                findings.extend(added_line_findings(changed.path, text, changed.added_lines, settings))
        secrets = sum(1 for f in findings if Source.SECRETS.value in f.sources)
        detail = f"{secrets} secret(s), {len(findings) - secrets} personal-data value(s) on added lines"
        return AnalyzerResult(self.name, AnalyzerStatus.OK, tuple(findings), detail, time.monotonic() - started)


class PromptInjectionAnalyzer(AnalyzerBase):
    """Local, no model: prompt-injection signals in the PR's own text (pr_review/classify/injection.py)."""

    name = "prompt-injection"
    supporting = True

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        started = time.monotonic()
        signals = injection.scan_change(review.scope)
        findings = injection.injection_findings(signals, review.scope.change.pr)
        detail = f"{len(signals)} signal(s)" if signals else "no signals"
        return AnalyzerResult(self.name, AnalyzerStatus.OK, findings, detail, time.monotonic() - started)
