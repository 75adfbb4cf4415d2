"""ZAP's traditional JSON report and rules file: the real 2.9.0 report, newer variants, bad input."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from pr_review.analyzers.zap.report import (
    RuleAction,
    ZapReportError,
    html_to_text,
    parse_document,
    parse_report,
    parse_rules,
)

REAL = DATA / "zap-2.9.0-baseline-example.com.json"
VARIANTS = DATA / "zap"


def real_document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(REAL.read_text(encoding="utf-8"))
    return loaded


def test_real_report_alerts_in_order_with_string_values_read() -> None:
    report = parse_report(REAL.read_bytes())
    assert report.version == "2.9.0"
    (site,) = report.sites
    assert site.name == "https://www.example.com"
    assert site.host == "www.example.com"
    assert [a.plugin_id for a in site.alerts] == ["10096", "10021", "10036", "10109", "10015", "10027", "10055"]
    timestamp = site.alerts[0]
    assert (timestamp.risk, timestamp.confidence, timestamp.cwe) == (0, 1, 200)
    assert timestamp.count == 88  # ZAP counted 88, listed 20
    assert len(timestamp.instances) == 20
    assert timestamp.alert_ref == "10096"  # 2.9.0 has no alertRef
    assert report.unreadable_alerts == 0


def test_real_report_absent_fields_and_html() -> None:
    site = parse_report(REAL.read_bytes()).sites[0]
    by_id = {a.plugin_id: a for a in site.alerts}
    assert by_id["10109"].cwe is None  # no cweid at all
    comments = by_id["10027"].instances[0]
    assert (comments.param, comments.attack, comments.evidence) == ("", "", "")  # absent, not ""
    assert by_id["10021"].instances[0].param == "X-Content-Type-Options"
    assert "<p>" not in by_id["10021"].description
    assert by_id["10021"].description.startswith("The Anti-MIME-Sniffing header")
    assert by_id["10021"].references == (
        "http://msdn.microsoft.com/en-us/library/ie/gg622941%28v=vs.85%29.aspx",
        "https://owasp.org/www-community/Security_Headers",
    )
    assert by_id["10109"].references == ()  # "<p></p>"


def test_newer_zap_fields() -> None:
    report = parse_report((VARIANTS / "zap-2.14-newer-fields.json").read_bytes())
    assert (report.version, report.program) == ("2.14.0", "ZAP")
    preview, fonts = report.sites
    assert fonts.host == "fonts.googleapis.com"
    csp, xss, cacheable, modern, csrf = preview.alerts
    assert (csp.plugin_id, csp.alert_ref, csp.systemic, csp.count, len(csp.instances)) == (
        "10038",
        "10038-1",
        True,
        14,
        2,
    )
    assert xss.instances[0].other_info == "reflected in the page title"
    assert xss.instances[0].attack == "<script>alert(1);</script>"  # instance values are data, not HTML
    assert "alert(1)" in xss.description  # a <script> in desc stays text, the tags go
    assert "<script>" not in xss.description
    assert cacheable.cwe is None  # "-1"
    assert modern.cwe is None  # missing
    assert csrf.confidence == 0


def test_html_to_text_entities_paragraphs_and_broken_markup() -> None:
    assert html_to_text("<p>a &amp; b</p><p>second<br/>line</p>") == "a & b\nsecond\nline"
    assert html_to_text("<![foo[ not a section") == "![foo[ not a section"
    assert html_to_text("<" * 100_000) is not None  # bounded input, no catastrophic backtracking


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.json", "not valid JSON (truncated?)"),
        ("sarif.json", "this is a SARIF report"),
        ("api-alerts.json", "the ZAP API's alert list"),
        ("future-version.json", "unsupported ZAP report version '7.0.0'"),
    ],
)
def test_other_formats_are_named(name: str, message: str) -> None:
    with pytest.raises(ZapReportError) as caught:
        parse_report((VARIANTS / name).read_bytes())
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "report file is empty"),
        (b"[1, 2]", "top level is a JSON list"),
        (b'{"site": "x"}', "`site` is a JSON str"),
        (b'{"site": [7]}', "site[0] is not an object"),
        (b'{"site": [{"alerts": {}}]}', "site[0].alerts is not a list"),
        (b"\xff\xfe{", "not valid JSON"),
        (b"[" * 100_000, "not valid JSON"),
        (b'{"@version": "2.9.0", "site": [', "not valid JSON (truncated?)"),
        (b'{"foo": 1}', "no `site` list (top-level keys: foo)"),
    ],
)
def test_malformed_reports(data: bytes, message: str) -> None:
    with pytest.raises(ZapReportError) as caught:
        parse_report(data)
    assert message in str(caught.value)


def test_empty_report_and_unreadable_alerts_counted() -> None:
    assert parse_report((VARIANTS / "empty-sites.json").read_bytes()).sites == ()
    document = real_document()
    alerts = document["site"][0]["alerts"]
    alerts[0]["riskcode"] = "9"
    alerts[1]["pluginid"] = "../../etc"
    alerts[2]["instances"] = "none"
    report = parse_document(document)
    assert report.unreadable_alerts == 3
    assert [a.plugin_id for a in report.sites[0].alerts] == ["10109", "10015", "10027", "10055"]


def test_weekly_builds_and_numbers_as_numbers_are_read() -> None:
    document = real_document()
    document["@version"] = "D-2024-01-08"
    alert = document["site"][0]["alerts"][1]
    alert.update(riskcode=1, confidence=3, count=6, cweid=16)
    parsed = parse_document(document).sites[0].alerts[1]
    assert (parsed.risk, parsed.confidence, parsed.count, parsed.cwe) == (1, 3, 6, 16)


def test_rules_file() -> None:
    rules = parse_rules((VARIANTS / "rules.tsv").read_text(encoding="utf-8"), "rules.tsv")
    assert dict(rules.actions) == {
        "10096": RuleAction.IGNORE,
        "10021": RuleAction.FAIL,
        "10036": RuleAction.WARN,
        "10055": RuleAction.INFO,
    }
    assert len(rules.out_of_scope) == 1
    assert dict(rules.without_ignores().actions).get("10096") is None
    assert "10021\tFAIL" in rules.to_tsv()
    assert "OUTOFSCOPE" in rules.to_tsv()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10096 IGNORE spaces not tabs", "rules.tsv:1: expected `<pluginid><TAB><action><TAB><comment>`"),
        ("# c\n10096\tBLOCK\tx", "rules.tsv:2: unknown action 'BLOCK'"),
        ("x;rm\tFAIL\tx", "rules.tsv:1: 'x;rm' is not a ZAP plugin id"),
    ],
)
def test_bad_rules_file(text: str, message: str) -> None:
    with pytest.raises(ZapReportError) as caught:
        parse_rules(text, "rules.tsv")
    assert message in str(caught.value)


_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30)
_keys = st.sampled_from(
    [
        "site",
        "alerts",
        "@version",
        "@name",
        "@host",
        "pluginid",
        "alertRef",
        "alert",
        "name",
        "riskcode",
        "confidence",
        "desc",
        "instances",
        "uri",
        "method",
        "param",
        "count",
        "cweid",
        "reference",
        "systemic",
        "otherinfo",
        "runs",
        "$schema",
    ]
) | st.text(max_size=8)
_json = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=6), max_leaves=40
)


@settings(max_examples=300, deadline=None)
@given(_json)
def test_parser_raises_only_its_own_error(document: Any) -> None:
    with contextlib.suppress(ZapReportError):
        parse_document(document)
    with contextlib.suppress(ZapReportError):
        parse_report(json.dumps(document).encode())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_parser_raises_only_its_own_error_on_bytes(data: bytes) -> None:
    with contextlib.suppress(ZapReportError):
        parse_report(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_rules_parser_raises_only_its_own_error(text: str) -> None:
    with contextlib.suppress(ZapReportError):
        parse_rules(text, "rules.tsv")


def test_every_variant_file_is_used() -> None:
    names = {p.name for p in Path(VARIANTS).iterdir()}
    assert names >= {"zap-2.14-newer-fields.json", "truncated.json", "sarif.json", "rules.tsv", "empty-sites.json"}
