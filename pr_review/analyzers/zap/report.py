"""ZAP's traditional JSON report (`zap-baseline.py -J`, zaproxy/action-baseline) and rules file.

Every value in the report is a string (`"riskcode": "2"`), desc/solution/reference hold HTML,
`count` can exceed the instances listed, and empty fields may be absent. A report that is not
this format (SARIF, the API's alert list, truncated JSON) is a ZapReportError that says so;
a single unreadable alert is skipped and counted, not fatal.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from pr_review.errors import PrReviewError

MAX_REPORT_BYTES = 50 * 1024 * 1024
_MAX_HTML_CHARS = 50_000  # HTMLParser input is bounded; ZAP's texts are short
_MAX_TEXT_CHARS = 10_000
_BLOCK_TAGS = frozenset({"p", "br", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "pre"})
_SUPPORTED_MAJOR = "2"
_PLUGIN_ID = re.compile(r"^[0-9]{1,9}(?:-[0-9]{1,4})?$")


class ZapReportError(PrReviewError):
    """The report (or rules file) cannot be read as what ZAP writes; the message says why."""


@dataclass(frozen=True, slots=True)
class ZapInstance:
    uri: str
    method: str = ""
    param: str = ""
    attack: str = ""
    evidence: str = ""
    other_info: str = ""


@dataclass(frozen=True, slots=True)
class ZapAlert:
    plugin_id: str
    alert_ref: str  # "10038-1" in ZAP 2.11+; the plugin id otherwise
    name: str
    risk: int  # 0 info .. 3 high
    confidence: int  # 0 false positive .. 4 user confirmed
    description: str  # tags stripped
    solution: str
    other_info: str
    references: tuple[str, ...]  # URLs, in report order
    cwe: int | None
    count: int  # what ZAP counted; may exceed len(instances)
    instances: tuple[ZapInstance, ...]
    systemic: bool = False


@dataclass(frozen=True, slots=True)
class ZapSite:
    name: str  # "https://www.example.com"
    host: str
    alerts: tuple[ZapAlert, ...]


@dataclass(frozen=True, slots=True)
class ZapReport:
    version: str
    program: str
    sites: tuple[ZapSite, ...]
    unreadable_alerts: int = 0


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Tags dropped, entities decoded, paragraphs kept as lines: html.parser, not a regex."""
    extractor = _TextExtractor()
    try:
        extractor.feed(markup[:_MAX_HTML_CHARS])
        extractor.close()
        text = "".join(extractor.parts)
    except AssertionError:  # _markupbase rejects some malformed declarations (`<![x[`)
        text = markup[:_MAX_HTML_CHARS].replace("<", " ").replace(">", " ")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:_MAX_TEXT_CHARS]


def reference_urls(markup: str) -> tuple[str, ...]:
    words = html_to_text(markup).split()
    return tuple(w for w in words if w.startswith(("https://", "http://")) and len(w) <= 2000)


def _text(alert: Mapping[str, Any], key: str) -> str:
    value = alert.get(key, "")
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float | str):
        return str(value)[:_MAX_HTML_CHARS]
    return ""


def _integer(value: Any) -> int | None:
    """ZAP writes numbers as strings; tolerate real numbers too."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and 0 < len(value.strip()) <= 9:
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _instance(raw: Any) -> ZapInstance | None:
    if not isinstance(raw, Mapping):
        return None
    uri = _text(raw, "uri").strip()
    if not uri:
        return None
    return ZapInstance(
        uri=uri[:2000],
        method=_text(raw, "method").strip().upper()[:20],
        param=_text(raw, "param")[:500],
        attack=_text(raw, "attack")[:2000],
        evidence=_text(raw, "evidence")[:2000],
        other_info=html_to_text(_text(raw, "otherinfo")),
    )


def _alert(raw: Any) -> ZapAlert | None:
    if not isinstance(raw, Mapping):
        return None
    plugin_id = _text(raw, "pluginid").strip()
    alert_ref = _text(raw, "alertRef").strip() or plugin_id
    risk = _integer(raw.get("riskcode"))
    confidence = _integer(raw.get("confidence"))
    name = (_text(raw, "alert") or _text(raw, "name")).strip()
    if not _PLUGIN_ID.match(plugin_id) or not _PLUGIN_ID.match(alert_ref):
        return None
    if risk is None or not 0 <= risk <= 3 or confidence is None or not 0 <= confidence <= 4 or not name:
        return None
    raw_instances = raw.get("instances", [])
    if not isinstance(raw_instances, list):
        return None
    instances = tuple(i for i in (_instance(r) for r in raw_instances) if i is not None)
    cwe = _integer(raw.get("cweid"))
    count = _integer(raw.get("count"))
    systemic = raw.get("systemic")
    return ZapAlert(
        plugin_id=plugin_id,
        alert_ref=alert_ref,
        name=name[:300],
        risk=risk,
        confidence=confidence,
        description=html_to_text(_text(raw, "desc")),
        solution=html_to_text(_text(raw, "solution")),
        other_info=html_to_text(_text(raw, "otherinfo")),
        references=reference_urls(_text(raw, "reference")),
        cwe=cwe if cwe is not None and cwe > 0 else None,
        count=max(count if count is not None else 0, len(instances)),
        instances=instances,
        systemic=systemic is True or (isinstance(systemic, str) and systemic.lower() == "true"),
    )


def _not_traditional(document: Mapping[str, Any]) -> str | None:
    """Name the format when it is recognisably something else."""
    schema = document.get("$schema")
    if "runs" in document or (isinstance(schema, str) and "sarif" in schema.lower()):
        return "this is a SARIF report, not ZAP's traditional JSON report"
    if "alerts" in document and "site" not in document:
        return "this looks like the ZAP API's alert list, not the traditional JSON report"
    if "site" not in document:
        keys = ", ".join(sorted(str(k) for k in document)[:6]) or "none"
        return f"no `site` list (top-level keys: {keys})"
    return None


def parse_document(document: Any) -> ZapReport:
    """A decoded JSON document → ZapReport, or ZapReportError saying what is wrong with it."""
    if not isinstance(document, Mapping):
        raise ZapReportError(f"not a ZAP JSON report: the top level is a JSON {type(document).__name__}, not an object")
    problem = _not_traditional(document)
    if problem is not None:
        raise ZapReportError(
            f"not a ZAP traditional JSON report: {problem}",
            hint="write the report with `zap-baseline.py -J report.json` (zaproxy/action-baseline: report_json.json)",
        )
    version = _text(document, "@version").strip()
    major = version.split(".", 1)[0]
    # Weekly and development builds write "D-2024-01-08" or "Dev Build"; releases are 2.x.
    if version and major != _SUPPORTED_MAJOR and not version.upper().startswith(("D-", "DEV")):
        raise ZapReportError(f"unsupported ZAP report version {version[:40]!r}: this parser reads ZAP 2.x reports")
    raw_sites = document["site"]
    if isinstance(raw_sites, Mapping):  # some writers emit a single site as an object
        raw_sites = [raw_sites]
    if not isinstance(raw_sites, list):
        raise ZapReportError(f"not a ZAP JSON report: `site` is a JSON {type(raw_sites).__name__}, not a list")
    sites: list[ZapSite] = []
    unreadable = 0
    for index, raw_site in enumerate(raw_sites):
        if not isinstance(raw_site, Mapping):
            raise ZapReportError(f"site[{index}] is not an object")
        raw_alerts = raw_site.get("alerts", [])
        if not isinstance(raw_alerts, list):
            raise ZapReportError(f"site[{index}].alerts is not a list")
        alerts = [_alert(raw) for raw in raw_alerts]
        unreadable += sum(1 for a in alerts if a is None)
        sites.append(
            ZapSite(
                name=_text(raw_site, "@name").strip()[:2000],
                host=_text(raw_site, "@host").strip().lower()[:500],
                alerts=tuple(a for a in alerts if a is not None),
            )
        )
    return ZapReport(version or "unknown", _text(document, "@programName")[:100], tuple(sites), unreadable)


def parse_report(data: bytes) -> ZapReport:
    """The bytes of a report file → ZapReport; malformed or truncated input is a ZapReportError."""
    if len(data) > MAX_REPORT_BYTES:
        raise ZapReportError(f"report is larger than {MAX_REPORT_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise ZapReportError("report file is empty")
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ZapReportError(f"not valid JSON (truncated?): {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except (ValueError, RecursionError) as exc:  # bad encoding, absurd nesting or number length
        raise ZapReportError(f"not valid JSON: {type(exc).__name__}: {str(exc)[:200]}") from exc
    return parse_document(document)


@enum.unique
class RuleAction(enum.StrEnum):
    IGNORE = "IGNORE"  # drop the alert (counted)
    INFO = "INFO"  # report it; never fails the run
    WARN = "WARN"  # the default: report it, fail_on decides
    FAIL = "FAIL"  # fail the run, whatever fail_on says
    OUTOFSCOPE = "OUTOFSCOPE"  # ZAP applies it during a scan; not applied to an ingested report


@dataclass(frozen=True, slots=True)
class ZapRules:
    actions: tuple[tuple[str, RuleAction], ...] = ()  # plugin id (or alertRef) → action
    out_of_scope: tuple[str, ...] = ()  # OUTOFSCOPE lines, passed on to a scan as they are

    def action(self, alert: ZapAlert) -> RuleAction:
        table = dict(self.actions)
        return table.get(alert.alert_ref) or table.get(alert.plugin_id) or RuleAction.WARN

    def without_ignores(self) -> ZapRules:
        """Only what tightens the review: a change must not silence alerts on itself."""
        kept = tuple((k, a) for k, a in self.actions if a is not RuleAction.IGNORE)
        return ZapRules(kept, self.out_of_scope)

    def to_tsv(self) -> str:
        """The rules file handed to zap-baseline.py -c (without IGNOREs a change removed)."""
        lines = [f"{plugin}\t{action.value}\t(pr-review)" for plugin, action in self.actions]
        return "\n".join([*lines, *self.out_of_scope]) + "\n"


def parse_rules(text: str, source: str) -> ZapRules:
    """ZAP's rules file: `<pluginid>\\t<IGNORE|INFO|WARN|FAIL|OUTOFSCOPE>\\t<comment or URL regex>`."""
    actions: dict[str, RuleAction] = {}
    out_of_scope: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise ZapReportError(f"{source}:{number}: expected `<pluginid><TAB><action><TAB><comment>`")
        plugin_id, action = fields[0].strip(), fields[1].strip().upper()
        if action not in RuleAction.__members__:
            raise ZapReportError(
                f"{source}:{number}: unknown action {fields[1].strip()[:20]!r} "
                f"(one of {', '.join(RuleAction.__members__)})"
            )
        if RuleAction(action) is RuleAction.OUTOFSCOPE:
            out_of_scope.append(line)
            continue
        if not _PLUGIN_ID.match(plugin_id):
            raise ZapReportError(f"{source}:{number}: {plugin_id[:20]!r} is not a ZAP plugin id")
        actions[plugin_id] = RuleAction(action)
    return ZapRules(tuple(actions.items()), tuple(out_of_scope))
