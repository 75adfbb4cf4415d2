"""Cross-source merge: one issue per place and weakness, whatever found it and in whatever order."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest

from pr_review.fingerprint import code_fingerprint, rule_key, web_fingerprint
from pr_review.merge import merge
from pr_review.models import CodeLocation, Finding, Severity, WebLocation

SQLI_TEXT = 'query = "SELECT * FROM t WHERE c = \'" + customer + "\'"'


def semgrep(
    line: int = 30,
    *,
    cwe: str | None = "CWE-89",
    rule: str = "pr-review.python.sql-injection",
    severity: Severity = Severity.CRITICAL,
    confidence: float = 0.8,
    path: str = "app/views.py",
    end: int | None = None,
) -> Finding:
    cwes = (cwe,) if cwe else ()
    return Finding(
        fingerprint=code_fingerprint(rule_key(cwes, [rule]), path, f"{rule}:{line}"),
        sources=("semgrep",),
        rule_ids=(rule,),
        title="User input reaches a raw SQL string",
        severity=severity,
        confidence=confidence,
        cwe=cwes,
        location=CodeLocation(path, line, end or line),
        in_diff=True,
        description="Semgrep's short message.",
        help_uri=f"https://semgrep.dev/r/{rule}",
        evidence=SQLI_TEXT,
    )


def claude(
    line: int = 30,
    *,
    cwe: str = "CWE-89",
    severity: Severity = Severity.HIGH,
    confidence: float = 0.9,
    path: str = "app/views.py",
    end: int | None = None,
    text: str = "",
) -> Finding:
    return Finding(
        fingerprint=code_fingerprint(rule_key([cwe], ["claude"]), path, text or f"claude:{line}"),
        sources=("claude",),
        rule_ids=(f"claude/{cwe}",),
        title="SQL injection in invoice search",
        severity=severity,
        confidence=confidence,
        cwe=(cwe,),
        location=CodeLocation(path, line, end or line),
        in_diff=True,
        description="Claude explains the data flow from the request to the query.",
        exploit_scenario="An attacker sends customer=' OR '1'='1.",
        recommendation="Use a parameterised query.",
        help_uri=f"https://cwe.mitre.org/data/definitions/{cwe.removeprefix('CWE-')}.html",
    )


def zap(*, cwe: str = "CWE-89", mapped: CodeLocation | None = None) -> Finding:
    location = WebLocation("https://preview.example/invoices/search", "GET", "customer")
    return Finding(
        fingerprint=web_fingerprint(cwe, location.url, location.method, location.param),
        sources=("zap",),
        rule_ids=("zap/40018",),
        title="SQL Injection",
        severity=Severity.HIGH,
        confidence=0.6,
        cwe=(cwe,),
        location=location,
        in_diff=False,
        extra_locations=(mapped,) if mapped else (),
    )


# (semgrep line, claude line) x (semgrep CWE, claude CWE) → merged?
LINES = {"same line": (30, 30), "adjacent": (30, 32), "far apart": (30, 40)}
CWES = {"same CWE": ("CWE-89", "CWE-89"), "related CWE": ("CWE-89", "CWE-564"), "unrelated CWE": ("CWE-89", "CWE-79")}


@pytest.mark.parametrize(("lines", "cwes"), list(itertools.product(LINES, CWES)))
def test_merge_matrix_semgrep_and_claude(lines: str, cwes: str) -> None:
    (s_line, c_line), (s_cwe, c_cwe) = LINES[lines], CWES[cwes]
    found = merge([semgrep(s_line, cwe=s_cwe), claude(c_line, cwe=c_cwe)])
    expect_merged = lines != "far apart" and cwes != "unrelated CWE"
    if not expect_merged:
        assert len(found) == 2
        assert sorted(f.sources for f in found) == [("claude",), ("semgrep",)]
        assert {f.confidence for f in found} == {0.8, 0.9}  # one source each: unchanged
        return
    [issue] = found
    assert issue.sources == ("semgrep", "claude")
    assert issue.rule_ids == ("pr-review.python.sql-injection", f"claude/{c_cwe}")
    assert issue.severity is Severity.CRITICAL  # the higher of the two
    assert issue.confidence == pytest.approx(0.98)  # 1 - (1 - 0.8)(1 - 0.9)
    assert issue.fingerprint == semgrep(s_line, cwe=s_cwe).fingerprint  # the rule-based source leads
    assert issue.location == CodeLocation("app/views.py", 30, c_line)  # every line flagged
    assert issue.extra_locations == ()
    assert issue.description.startswith("Claude explains")
    assert issue.exploit_scenario.startswith("An attacker")
    assert issue.recommendation == "Use a parameterised query."
    assert issue.help_uri == "https://semgrep.dev/r/pr-review.python.sql-injection"
    assert issue.evidence == SQLI_TEXT


def test_a_suggestion_is_kept_only_when_it_fits_the_merged_lines() -> None:
    fix = "rows = conn.execute(sql, (customer,))"
    [spanning] = merge([semgrep(30), replace(claude(30, end=31), suggested_fix=fix)])
    assert (spanning.location, spanning.suggested_fix) == (CodeLocation("app/views.py", 30, 31), fix)
    [narrower] = merge([replace(semgrep(30), suggested_fix=fix), claude(30, end=31)])
    assert narrower.suggested_fix is None  # a fix for line 30 would delete line 31 of the comment


def test_slack_is_configurable_and_ranges_overlap() -> None:
    assert len(merge([semgrep(30), claude(33)])) == 2
    assert len(merge([semgrep(30), claude(33)], line_slack=3)) == 1
    assert len(merge([semgrep(30), claude(25, end=35)], line_slack=0)) == 1  # inside a range
    assert len(merge([semgrep(30), claude(31)], line_slack=0)) == 2


def test_other_files_never_merge() -> None:
    assert len(merge([semgrep(30), claude(30, path="app/db.py")])) == 2


def test_confidence_capped_and_severity_highest() -> None:
    [issue] = merge([semgrep(confidence=0.95, severity=Severity.MEDIUM), claude(confidence=0.95)])
    assert issue.confidence == 0.99
    assert issue.severity is Severity.HIGH


def test_without_cwe_only_the_same_rule_merges() -> None:
    a = semgrep(30, cwe=None, rule="custom.no-cwe")
    b = semgrep(31, cwe=None, rule="custom.no-cwe")
    c = semgrep(31, cwe=None, rule="custom.other")
    found = merge([a, b, c])
    assert sorted(f.rule_ids for f in found) == [("custom.no-cwe",), ("custom.other",)]
    assert next(f for f in found if f.rule_ids == ("custom.no-cwe",)).fingerprint == min(a.fingerprint, b.fingerprint)


def test_within_source_duplicates_merge_without_raising_confidence() -> None:
    rules = [
        semgrep(30, rule="pr-review.python.sql-injection", confidence=0.8),
        semgrep(30, cwe="CWE-564", rule="vendor.python.sqlalchemy-raw", confidence=0.6),
    ]
    [issue] = merge(rules)
    assert issue.sources == ("semgrep",)
    assert set(issue.rule_ids) == {"pr-review.python.sql-injection", "vendor.python.sqlalchemy-raw"}
    assert issue.confidence == 0.8
    # Claude repeating itself across chunks: same fingerprint, one finding.
    assert len(merge([claude(30, text="same"), claude(30, text="same")])) == 1


def test_merging_is_transitive() -> None:
    # 30 ~ 32 ~ 34, though 30 and 34 are further apart than the slack.
    chain = [semgrep(30), claude(32), semgrep(34, rule="pr-review.python.sql-injection-2")]
    [issue] = merge(chain)
    assert len(issue.rule_ids) == 3


def test_order_independent_and_idempotent() -> None:
    findings = [
        semgrep(30),
        claude(31),
        semgrep(30, cwe="CWE-564", rule="vendor.sqlalchemy"),
        claude(37, cwe="CWE-78"),
        semgrep(37, cwe="CWE-78", rule="pr-review.python.command-injection"),
        semgrep(43, cwe="CWE-502", rule="pr-review.python.yaml-unsafe-load"),
        claude(60, cwe="CWE-79"),
    ]
    expected = merge(findings)
    shuffler = random.Random(7)
    for _ in range(20):
        shuffled = findings[:]
        shuffler.shuffle(shuffled)
        assert merge(shuffled) == expected
    assert merge(expected) == expected  # merging a merged list changes nothing
    assert len(expected) == 4


def test_fingerprint_stable_when_a_second_source_starts_agreeing() -> None:
    run1 = merge([semgrep(30)])
    run2 = merge([semgrep(30), claude(29, end=31)])
    assert [f.fingerprint for f in run1] == [f.fingerprint for f in run2]
    assert run2[0].sources == ("semgrep", "claude")


def test_semgrep_and_secrets_on_one_credential_are_one_issue() -> None:
    rule = semgrep(6, cwe="CWE-798", rule="pr-review.python.hardcoded-credentials", path="app/settings.py")
    secret = replace(
        semgrep(6, cwe="CWE-259", rule="secrets.secret-assignment", path="app/settings.py"),
        sources=("secrets",),
        help_uri="",
    )
    [issue] = merge([secret, rule])
    assert issue.sources == ("semgrep", "secrets")
    assert issue.fingerprint == rule.fingerprint


def test_zap_merges_only_at_its_mapped_code_location() -> None:
    assert len(merge([semgrep(30), zap()])) == 2  # not mapped to code
    assert len(merge([semgrep(30), zap(mapped=CodeLocation("app/views.py", 31, 31))])) == 2  # near is not enough
    [issue] = merge([semgrep(30), zap(mapped=CodeLocation("app/views.py", 30, 30))])
    assert issue.sources == ("semgrep", "zap")
    assert issue.location == CodeLocation("app/views.py", 30, 30)
    assert isinstance(issue.extra_locations[0], WebLocation)
    # Two scans of one endpoint: the same fingerprint.
    assert len(merge([zap(), zap()])) == 1
