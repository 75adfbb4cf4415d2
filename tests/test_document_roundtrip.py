"""findings.json carries everything the exit code and the summary depend on: an outcome written by
`run` and read back by `publish` is the same outcome (same exit code, same summary, same SARIF)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pr_review.analyzers.base import (
    AnalyzerDetails,
    AnalyzerResult,
    AnalyzerStatus,
    DastDetails,
    ModelDetails,
    SemgrepDetails,
)
from pr_review.classify.view import ModelView, Redaction
from pr_review.config_loader import build_config
from pr_review.gather.change import PullRequestMeta, ReviewTarget
from pr_review.models import CodeLocation, Finding, Fingerprint, Location, Severity, Source, WebLocation
from pr_review.outcome import ReviewOutcome
from pr_review.registry import ANALYZER_NAMES
from pr_review.report.document import outcome_from_json
from pr_review.report.files import write_outputs
from pr_review.report.markdown import render_summary
from pr_review.report.sarif import to_sarif
from pr_review.scope import NotReviewed
from pr_review.triage.model import DecisionKind, NoteKind, Suppressed, TriageNote

TEXT = st.text(max_size=40)
WORD = st.text(min_size=1, max_size=30)
SECONDS = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
ANALYZER = st.sampled_from(sorted(ANALYZER_NAMES))
RULE_IDS = ("python.sql-injection", "js.xss", "secrets.aws-key")


def locations() -> st.SearchStrategy[Location]:
    line = st.integers(min_value=1, max_value=10_000)
    code = st.builds(CodeLocation, WORD, line, line)
    web = st.builds(WebLocation, WORD, TEXT, TEXT)
    return st.one_of(code, web)


findings = st.builds(
    Finding,
    fingerprint=st.text("0123456789abcdef", min_size=16, max_size=64).map(Fingerprint),
    sources=st.lists(st.sampled_from([s.value for s in Source]), min_size=1, max_size=3, unique=True).map(tuple),
    rule_ids=st.lists(st.sampled_from(RULE_IDS), max_size=2, unique=True).map(tuple),
    title=WORD,
    severity=st.sampled_from(list(Severity)),
    confidence=st.floats(min_value=0, max_value=1),
    cwe=st.lists(st.integers(1, 1400).map(lambda n: f"CWE-{n}"), max_size=2, unique=True).map(tuple),
    location=locations(),
    in_diff=st.booleans(),
    description=TEXT,
    exploit_scenario=TEXT,
    recommendation=TEXT,
    suggested_fix=st.none() | TEXT,
    evidence=TEXT,
    help_uri=TEXT,
    extra_locations=st.lists(locations(), max_size=2).map(tuple),
)
not_reviewed = st.builds(NotReviewed, WORD, TEXT, st.just("") | ANALYZER)
COUNT = st.integers(min_value=0, max_value=10**9)
RULE_ID = st.text(st.characters(blacklist_characters=","), min_size=1, max_size=20)
USAGE_KIND = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=20)
model_details = st.builds(
    ModelDetails,
    provider=TEXT,
    region=TEXT,
    model=TEXT,
    requested_model=TEXT,
    prompt_sha256=TEXT,
    preamble_sha256=TEXT,
    tool_schema_sha256=TEXT,
    requests=COUNT,
    request_chars=COUNT,
    tokens=st.dictionaries(USAGE_KIND, COUNT, max_size=3).map(lambda d: tuple(sorted(d.items()))),
    instructions_sha256=st.none() | TEXT,
    untrusted_text_flags=TEXT,
    untrusted_text_flag_count=st.integers(min_value=1, max_value=99),
    tool_calls=COUNT,
    tool_bytes=COUNT,
    tools_sha256=TEXT,
    review_mode=st.sampled_from(["incremental", "full: requested (--full / full-review)"]),
    units_reviewed=COUNT,
    units_carried=st.dictionaries(WORD, TEXT, max_size=3).map(lambda d: tuple(sorted(d.items()))),
    full_review_tokens=COUNT,
    cost_usd=st.none() | st.floats(min_value=0, max_value=1e6, allow_nan=False),
) | st.builds(  # no flags: neither is written
    ModelDetails,
    provider=TEXT,
    region=TEXT,
    model=TEXT,
    requested_model=TEXT,
    prompt_sha256=TEXT,
    preamble_sha256=TEXT,
    tool_schema_sha256=TEXT,
)
dast_details = st.builds(
    DastDetails,
    version=TEXT,
    ignored=COUNT,
    false_positives=COUNT,
    mapped=COUNT,
    instances=st.dictionaries(WORD, COUNT, max_size=3).map(lambda d: tuple(sorted(d.items()))),
    fail_rules=st.lists(RULE_ID, max_size=3, unique=True).map(lambda rules: tuple(sorted(rules))),
)
DETAILS: dict[str, st.SearchStrategy[AnalyzerDetails]] = {
    "claude": model_details,
    "zap": dast_details,
    "semgrep": st.builds(SemgrepDetails, TEXT),
}


@st.composite
def analyzer_results(draw: st.DrawFn) -> AnalyzerResult:
    name = draw(ANALYZER)
    return AnalyzerResult(
        name=name,
        status=draw(st.sampled_from(list(AnalyzerStatus))),
        detail=draw(TEXT),
        duration_s=draw(SECONDS),
        details=draw(st.none() | DETAILS[name]) if name in DETAILS else None,
        fail_closed=draw(st.booleans()),
        supporting=draw(st.booleans()),
    )


analyzers = st.lists(analyzer_results(), max_size=4, unique_by=lambda r: r.name).map(tuple)


@st.composite
def outcomes(draw: st.DrawFn) -> ReviewOutcome:
    pr = PullRequestMeta(number=draw(st.none() | st.integers(1, 10**6)))
    view = draw(
        st.none()
        | st.builds(
            ModelView,
            files=st.just({}),
            pr=st.just(pr),
            withheld=st.lists(not_reviewed, max_size=2).map(tuple),
            redactions=st.lists(st.builds(Redaction, TEXT, st.integers(0, 999), WORD, WORD, WORD), max_size=3).map(
                tuple
            ),
        )
    )
    fail_on = draw(st.sampled_from(["none", "critical", "high", "medium", "low"]))
    return ReviewOutcome(
        target=ReviewTarget(draw(WORD), draw(TEXT), draw(WORD)),
        config=build_config({"fail_on": fail_on}),
        pr=pr,
        findings=tuple(draw(st.lists(findings, max_size=4))),
        analyzers=draw(analyzers),
        reviewed_files=tuple(draw(st.lists(WORD, max_size=3))),
        not_reviewed=tuple(draw(st.lists(not_reviewed, max_size=3))),
        duration_s=draw(SECONDS),
        model_view=view,
        suppressed=tuple(
            draw(st.lists(st.builds(Suppressed, findings, st.sampled_from(list(DecisionKind)), TEXT, TEXT), max_size=2))
        ),
        triage_notes=tuple(
            draw(st.lists(st.builds(TriageNote, st.sampled_from(list(NoteKind)), TEXT, TEXT), max_size=2))
        ),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outcomes())
def test_an_outcome_written_and_read_back_is_the_same_outcome(outcome: ReviewOutcome) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results"
        written = write_outputs(outcome, out)
        document = json.loads(written["findings"].read_text(encoding="utf-8"))

    read = outcome_from_json(document, outcome.config, source="findings.json", analyzer_names=ANALYZER_NAMES)

    assert read == outcome
    assert read.exit_code == outcome.exit_code
    assert read.incomplete_reason == outcome.incomplete_reason
    assert render_summary(read) == render_summary(outcome)
    assert to_sarif(read) == to_sarif(outcome)
    assert document["exit_code"] == int(outcome.exit_code)
