"""The bodies we post on a pull request and the hidden markers that make re-runs idempotent."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pr_review.github.comments import (
    SUMMARY_MARKER,
    SummaryRecord,
    fingerprint_marker,
    inline_body,
    marked_fingerprint,
    read_record,
    sources_text,
    summary_body,
)
from pr_review.models import CodeLocation, Finding, Fingerprint, Severity

FP = "5c1bd086b1be8614915f3bfbc16c8c5e"


@pytest.fixture
def make_finding() -> Callable[..., Finding]:
    def make(**overrides: Any) -> Finding:
        fields: dict[str, Any] = {
            "fingerprint": Fingerprint(FP),
            "sources": ("semgrep", "claude"),
            "rule_ids": ("pr-review.python.sql-injection", "claude"),
            "title": "SQL injection in the invoice search",
            "severity": Severity.CRITICAL,
            "confidence": 0.9,
            "cwe": ("CWE-89",),
            "location": CodeLocation("app/views.py", 29, 30),
            "in_diff": True,
            "description": "The customer parameter is concatenated into the query.",
            "recommendation": "Use a parameterised query.",
            "suggested_fix": '    rows = conn.execute("SELECT * FROM invoices WHERE customer = ?", (customer,))\n',
        }
        fields.update(overrides)
        return Finding(**fields)

    return make


def test_inline_body_has_severity_title_cwe_link_sources_and_marker(make_finding: Callable[..., Finding]) -> None:
    body = inline_body(make_finding())

    first, found_by, *_ = body.split("\n\n")
    assert first == (
        "**🟥 critical** · **SQL injection in the invoice search** · "
        "[CWE-89](https://cwe.mitre.org/data/definitions/89.html)"
    )
    assert found_by == "<sub>Found by Semgrep, Claude (`pr-review.python.sql-injection`) · confidence 90%</sub>"
    assert "**Recommendation.** Use a parameterised query." in body
    assert body.endswith(f"\n\n<!-- pr-review:fingerprint={FP} -->")
    assert marked_fingerprint(body) == FP


def test_inline_body_suggests_a_safe_fix(make_finding: Callable[..., Finding]) -> None:
    body = inline_body(make_finding())
    assert (
        '```suggestion\n    rows = conn.execute("SELECT * FROM invoices WHERE customer = ?", (customer,))\n```' in body
    )
    assert "```suggestion" not in inline_body(make_finding(), suggest=False)
    assert "```suggestion" not in inline_body(make_finding(suggested_fix=None))


@pytest.mark.parametrize(
    "fix",
    [
        "x = 1\n```\n@alice look here\n```suggestion\ny = 2\n",  # breaks out of the fence
        "x = 1  # \u202e evil\n",  # a bidirectional override hides what the code does
        'API_KEY = "sk-live-0123456789abcdef"\n',  # echoes a secret
    ],
)
def test_inline_body_drops_an_unsafe_suggestion(make_finding: Callable[..., Finding], fix: str) -> None:
    body = inline_body(make_finding(suggested_fix=fix), known_secrets=["sk-live-0123456789abcdef"])
    assert "```suggestion" not in body
    assert "sk-live-0123456789abcdef" not in body


def test_inline_body_neutralises_hostile_text(make_finding: Callable[..., Finding]) -> None:
    hostile = "cc @octo/security <img src=x onerror=alert(1)> <!-- pr-review:fingerprint=" + "a" * 32 + " -->"
    body = inline_body(make_finding(title=hostile, description=hostile, rule_ids=("@alice",)))

    assert "Claude (`@alice`)" in body  # a rule id shows in a code span, where no mention is live
    assert "@octo" not in body
    assert "@alice" not in body.replace("`@alice`", "")
    assert "<img" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert marked_fingerprint(body) == FP  # the forged marker was removed, ours is the only one
    assert body.count("<!-- pr-review:") == 1


def test_inline_body_without_cwe_or_optional_sections(make_finding: Callable[..., Finding]) -> None:
    body = inline_body(
        make_finding(cwe=(), description="", recommendation="", suggested_fix=None, severity=Severity.LOW)
    )
    assert body.split("\n\n")[0] == "**🟦 low** · **SQL injection in the invoice search**"
    assert "Recommendation" not in body


def test_sources_text_names_the_analyzers_and_rules(make_finding: Callable[..., Finding]) -> None:
    finding = make_finding(sources=("secrets", "zap"), rule_ids=("secrets.aws-key", "zap/40012"))
    assert sources_text(finding) == "secrets, ZAP (`secrets.aws-key`, `zap/40012`)"


def test_marker_round_trip() -> None:
    assert fingerprint_marker(FP) == f"<!-- pr-review:fingerprint={FP} -->"
    assert marked_fingerprint(f"text\n\n{fingerprint_marker(FP)}") == FP


@pytest.mark.parametrize(
    "body",
    [
        "",
        "no marker here",
        "<!-- pr-review:fingerprint=short -->",  # not 16-64 hex digits
        f"<!-- pr-review:fingerprint={FP.upper()} -->",
        f"<!-- pr-review:fingerprint={FP}-->",  # not our exact form
        SUMMARY_MARKER,
    ],
)
def test_marked_fingerprint_ignores_anything_else(body: str) -> None:
    assert marked_fingerprint(body) is None


def test_summary_record_round_trip() -> None:
    other = "0e781400905d671a899cf58f72a0d5aa"
    record = SummaryRecord(frozenset({FP, other}), {12: FP, 7: other})
    body = summary_body("## summary\ntext", record)
    assert body.splitlines()[0] == "## summary"
    assert body.splitlines()[-1] == f"<!-- pr-review:summary fingerprints={other},{FP} comments=7:{other},12:{FP} -->"
    assert body.count("<!--") == 1
    assert read_record(body) == record
    assert read_record(summary_body("", SummaryRecord())) == SummaryRecord()
    assert read_record("no list") == SummaryRecord()
    # A summary written before comment ids were recorded: its fingerprints, flagged as legacy.
    legacy = read_record(f"<!-- pr-review:summary -->\n## summary\n<!-- pr-review:fingerprints={FP} -->")
    assert (legacy.fingerprints, legacy.legacy) == (frozenset({FP}), True)


@pytest.mark.parametrize(
    "body",
    [
        f"## summary\n<!-- pr-review:fingerprints={FP} comments=1:{FP} -->",  # not a summary: no summary marker
        f"<!-- pr-review:summary fingerprints={FP} comments=1:{FP} -->\nforged after it",  # not the last line
        f"<!-- pr-review:x -->\n<!-- pr-review:summary fingerprints={FP} comments=1:{FP} -->",  # not alone
    ],
)
def test_a_record_counts_only_on_the_last_line_of_a_summary(body: str) -> None:
    assert read_record(body) == SummaryRecord()


@pytest.mark.parametrize(
    "body",
    [
        f"```suggestion\nx = 1  # {fingerprint_marker('a' * 32)}\n```\n\n{fingerprint_marker(FP)}",  # two markers
        f"{fingerprint_marker(FP)}\n\nmore text after the marker",  # not the last line
        f"text {fingerprint_marker(FP)}",  # not a line of its own
    ],
)
def test_a_fingerprint_marker_counts_only_alone_on_the_last_line(body: str) -> None:
    assert marked_fingerprint(body) is None


def test_no_text_of_a_finding_carries_a_marker_into_the_body(make_finding: Callable[..., Finding]) -> None:
    forged = fingerprint_marker("a" * 32)
    body = inline_body(
        make_finding(
            title=f"t {forged}",
            description=f"`{forged}`\n\n```\n{forged}\n```",
            recommendation=forged,
            suggested_fix=f"token = secrets.token_hex()  # {forged}\n",
            rule_ids=(f"x{forged}",),
        )
    )
    assert body.count("<!--") == 1
    assert body.count("pr-review:") == 1
    assert "```suggestion" not in body
    assert marked_fingerprint(body) == FP


MARKERISH = st.lists(
    st.sampled_from(
        ["<!--", "-->", "pr-review:", "PR-REVIEW :", "fingerprint=", "a" * 32, "`", "```", "\n", " ", "<", "!", "-"]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=MARKERISH, description=MARKERISH, recommendation=MARKERISH, fix=MARKERISH, rule=MARKERISH)
def test_whatever_a_finding_says_the_body_has_one_marker_ours_last(
    make_finding: Callable[..., Finding], title: str, description: str, recommendation: str, fix: str, rule: str
) -> None:
    finding = make_finding(
        title=title or "t",
        description=description,
        recommendation=recommendation,
        suggested_fix=fix or None,
        rule_ids=(rule,),
    )
    body = inline_body(finding)
    assert body.count("<!--") == 1
    assert re.findall(r"(?i)pr-review[ \t]*:", body) == ["pr-review:"]
    assert marked_fingerprint(body) == FP
