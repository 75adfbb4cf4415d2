"""The model's `report_findings` input → Finding values: validated, located, neutralised.

Nothing the model says is trusted: each finding is checked against llm-findings.schema.json
(after small repairs), must name a file of the request, is clamped to the file, and its text is
neutralised before anything can post it. Every drop is counted, and each item dropped or cut is
recorded by reason and sha256 (the `model_output` audit event), so the model's behaviour can be
reviewed later without keeping what it said.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from pr_review import audit_events as events
from pr_review.analyzers.claude.chunks import removal_lines
from pr_review.analyzers.claude.prompt import TOOL_NAME
from pr_review.audit import AuditSink, canonical_json
from pr_review.classify.view import ModelView, removed_lines
from pr_review.fingerprint import code_fingerprint, rule_key
from pr_review.gather.diff import ChangedFile, FileStatus
from pr_review.models import CodeLocation, Finding, Severity, Source
from pr_review.resources import load_schema
from pr_review.scope import Scope
from pr_review.text.sanitize import DEFAULT_LINK_HOSTS, mask_secrets, neutralise, safe_suggestion
from pr_review.validate import schema_errors

if TYPE_CHECKING:
    from anthropic.types import Message


_CWE = re.compile(r"^\s*(?:CWE)?[-_ ]?(\d{1,5})\s*$", re.IGNORECASE)
_TEXT_LIMITS = {"title": 200, "description": 4000, "exploit_scenario": 4000, "recommendation": 4000}
_PLACEHOLDER = re.compile(r"\[REDACTED:[^\]\n]*\]")
_SEVERITIES = frozenset({"critical", "high", "medium", "low"})
MAX_FINDINGS: Final = int(load_schema("llm-findings.schema.json")["properties"]["findings"]["maxItems"])
CUT_OFF: Final = "cut off by max_tokens"


@dataclass(frozen=True, slots=True)
class DroppedItem:
    """One item of the model's answer that was dropped, or kept with a part of it removed."""

    sha256: str  # of the item as the model sent it, canonical JSON
    reasons: tuple[str, ...]  # "invalid", "unknown path", "secret masked", ...
    kept: bool  # the finding was kept (clamped, its suggestion or a secret removed)


@dataclass(frozen=True, slots=True)
class Parsed:
    findings: tuple[Finding, ...]
    counts: Counter[str]  # "invalid", "repaired", "unknown path", "below min_confidence", ...
    returned: int = 0  # items in the answer
    dropped: tuple[DroppedItem, ...] = ()


def item_sha256(item: Any) -> str:
    """sha256 of an item of the model's answer as canonical JSON (the SDK parsed it from JSON)."""
    try:
        text = canonical_json(item)
    except (TypeError, ValueError, RecursionError):  # NaN, or nested past Python's limit
        text = json.dumps(repr(item)[:100_000])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def cut_off(raw: Any) -> Parsed:
    """An answer cut off by max_tokens is not used (the request is split and sent again)."""
    items = raw.get("findings") if isinstance(raw, dict) else None
    unused = items if isinstance(items, list) else ([] if raw is None else [raw])
    dropped = tuple(DroppedItem(item_sha256(item), (CUT_OFF,), kept=False) for item in unused)
    return Parsed((), Counter(), len(items) if isinstance(items, list) else 0, dropped)


def record_model_output(audit: AuditSink, parsed: Parsed, *, chunk: int, response_sha256: str) -> None:
    """The `model_output` audit event of one answer: what was dropped, by reason and by item."""
    dropped = Counter(reason for item in parsed.dropped for reason in item.reasons)
    events.model_output(
        audit,
        chunk=chunk,
        response_sha256=response_sha256,
        returned=parsed.returned,
        accepted=len(parsed.findings),
        dropped=dict(sorted(dropped.items())),
        items=[{"sha256": item.sha256, "reasons": list(item.reasons), "kept": item.kept} for item in parsed.dropped],
    )


def tool_input(message: Message) -> Any:
    """The input of the report_findings call, or None when the model did not make it."""
    for block in message.content:
        if block.type == "tool_use" and block.name == TOOL_NAME:
            return block.input
    return None


def _repair(raw: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """Obvious slips fixed (case, "89" for "CWE-89", a percentage); whether anything changed."""
    item = dict(raw)
    before = dict(item)
    if isinstance(item.get("severity"), str) and item["severity"].strip().lower() in _SEVERITIES:
        item["severity"] = item["severity"].strip().lower()
    cwe = item.get("cwe")
    if isinstance(cwe, list) and cwe:
        cwe = cwe[0]
    if isinstance(cwe, int | str) and (m := _CWE.match(str(cwe))):
        item["cwe"] = f"CWE-{int(m.group(1))}"
    for key in ("start_line", "end_line"):
        value = item.get(key)
        if (isinstance(value, str) and value.strip().isdigit()) or (isinstance(value, float) and value.is_integer()):
            item[key] = int(value)
    if "end_line" not in item and isinstance(item.get("start_line"), int):
        item["end_line"] = item["start_line"]
    start, end = item.get("start_line"), item.get("end_line")
    if isinstance(start, int) and isinstance(end, int) and end < start:
        item["start_line"], item["end_line"] = end, start
    confidence = item.get("confidence")
    if isinstance(confidence, str):
        with contextlib.suppress(ValueError):
            confidence = float(confidence)
    if isinstance(confidence, int | float) and not isinstance(confidence, bool) and 1 < confidence <= 100:
        confidence = confidence / 100
    if confidence is not None:
        item["confidence"] = confidence
    for key in ("exploit_scenario", "recommendation"):
        item.setdefault(key, "")
    if item.get("suggested_fix") is None:
        item.pop("suggested_fix", None)
    return item, item != before


def redaction_originals(scope: Scope, view: ModelView) -> frozenset[str]:
    """The values the data policy replaced, recovered locally by comparing lines: never echoed."""
    originals: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for (path, removed), line_numbers in _redacted_lines(view).items():
        changed = scope.change.file(path)
        if path not in view.files or changed is None:
            continue
        if removed:  # old line numbers of the lines the change removes
            real_removed, sent_removed = dict(removed_lines(changed)), dict(view.files[path].removed)
            pairs.extend(
                (real_removed[n], sent_removed[n])
                for n in line_numbers
                if n in real_removed.keys() & sent_removed.keys()
            )
            continue
        if path not in scope.contents:
            continue
        real = scope.text(path).split("\n")
        sent = view.files[path].text.split("\n")
        pairs.extend((real[n - 1], sent[n - 1]) for n in line_numbers if n <= min(len(real), len(sent)))
    if any(r.path == "" for r in view.redactions):
        real_pr, sent_pr = scope.change.pr, view.pr
        pairs.extend(
            zip(
                (real_pr.title, real_pr.body, *real_pr.commit_messages),
                (sent_pr.title, sent_pr.body, *sent_pr.commit_messages),
                strict=False,
            )
        )
    for real_text, sent_text in pairs:
        for real_line, sent_line in zip(real_text.split("\n"), sent_text.split("\n"), strict=False):
            originals.update(_replaced(real_line, sent_line))
    return frozenset(originals)


def _replaced(real: str, sent: str) -> list[str]:
    """The text the placeholders in `sent` stand for in `real` (the rest of the line is equal)."""
    if real == sent or not _PLACEHOLDER.search(sent):
        return []
    parts = _PLACEHOLDER.split(sent)
    pattern = "(.+?)".join(re.escape(part) for part in parts)
    match = re.fullmatch(pattern, real, re.DOTALL)
    return [value for value in match.groups() if len(value.strip()) >= 4] if match else []


def _redacted_lines(view: ModelView) -> dict[tuple[str, bool], set[int]]:
    """(path, on a removed line) → the line numbers (old ones for removed lines) redacted."""
    lines: dict[tuple[str, bool], set[int]] = {}
    for redaction in view.redactions:
        if redaction.path:
            lines.setdefault((redaction.path, redaction.removed), set()).add(redaction.line)
    return lines


def parse_findings(
    raw: Any,
    *,
    paths: Collection[str],
    scope: Scope,
    min_confidence: float,
    known_secrets: Collection[str] = (),
    allowed_link_hosts: frozenset[str] = DEFAULT_LINK_HOSTS,
) -> Parsed:
    """Findings from one response's tool input; `paths` are the files that request showed."""
    counts: Counter[str] = Counter()
    items = raw.get("findings") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        counts["malformed response"] += 1
        return Parsed((), counts, 0, (DroppedItem(item_sha256(raw), ("malformed response",), kept=False),))
    findings: list[Finding] = []
    dropped: list[DroppedItem] = []
    for index, entry in enumerate(items):
        reasons: list[str] = []
        finding = None
        if index >= MAX_FINDINGS:  # the schema's maxItems: a flood is not read
            reasons.append("over the cap")
        elif not isinstance(entry, dict):
            reasons.append("invalid")
        else:
            item, repaired = _repair(entry)
            if schema_errors({"findings": [item]}, "llm-findings.schema.json"):
                reasons.append("invalid")
            else:
                counts["repaired"] += repaired
                finding = _finding(item, paths, scope, min_confidence, known_secrets, allowed_link_hosts, reasons)
        counts.update(reasons)
        if reasons:
            dropped.append(DroppedItem(item_sha256(entry), tuple(reasons), kept=finding is not None))
        if finding is not None:
            findings.append(finding)
    return Parsed(tuple(findings), counts, len(items), tuple(dropped))


def _finding(
    item: Mapping[str, Any],
    paths: Collection[str],
    scope: Scope,
    min_confidence: float,
    known_secrets: Collection[str],
    hosts: frozenset[str],
    reasons: list[str],
) -> Finding | None:
    """The finding, or None; why the item was dropped or cut is appended to `reasons`."""
    path = item["path"]
    changed = scope.change.file(path)
    deleted = changed is not None and changed.status is FileStatus.DELETED
    if path not in paths or changed is None or not (deleted or path in scope.contents):
        reasons.append("unknown path")
        return None
    if item["confidence"] < min_confidence:
        reasons.append("below min_confidence")
        return None
    lines = _numbered_lines(scope, changed)
    start, end = item["start_line"], item["end_line"]
    if start > len(lines):
        reasons.append("beyond end of file")
        return None
    if end > len(lines):
        reasons.append("clamped")
        end = len(lines)
    content = "\n".join(lines[start - 1 : end])
    # Of the change: it touches an added line or a hunk that removes lines; every line of a
    # deleted file (its old line numbers: not commentable inline, the summary lists it).
    in_diff = (
        deleted or changed.touches_added(start, end) or not removal_lines(changed).isdisjoint(range(start, end + 1))
    )
    cwe = item["cwe"]
    if any(mask_secrets(str(item.get(key, "")), known_secrets) != str(item.get(key, "")) for key in _TEXT_LIMITS):
        reasons.append("secret masked")

    def text(key: str) -> str:
        return neutralise(
            str(item.get(key, "")), max_len=_TEXT_LIMITS[key], allowed_link_hosts=hosts, known_secrets=known_secrets
        )

    suggestion = item.get("suggested_fix")
    if suggestion is not None:
        suggestion = safe_suggestion(suggestion, known_secrets=known_secrets)
        if suggestion is None:
            reasons.append("suggestion dropped")
    title = text("title") or f"{cwe} (reported by Claude)"
    return Finding(
        fingerprint=code_fingerprint(rule_key([cwe], [Source.CLAUDE.value]), path, content),
        sources=(Source.CLAUDE.value,),
        rule_ids=(f"claude/{cwe}",),
        title=title,
        severity=Severity(item["severity"]),
        confidence=float(item["confidence"]),
        cwe=(cwe,),
        location=CodeLocation(path, start, end),
        in_diff=in_diff,
        description=text("description"),
        exploit_scenario=text("exploit_scenario"),
        recommendation=text("recommendation"),
        suggested_fix=suggestion,
        help_uri=f"https://cwe.mitre.org/data/definitions/{cwe.removeprefix('CWE-')}.html",
    )


def _numbered_lines(scope: Scope, changed: ChangedFile) -> list[str]:
    """The file's lines as a finding's numbers count them: the head's, or a deleted file's old ones."""
    if changed.status is FileStatus.DELETED:
        old = dict(removed_lines(changed))
        return [old.get(n, "") for n in range(1, max(old, default=0) + 1)]
    lines = scope.text(changed.path).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def summarise(counts: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{n} {what}" for what, n in counts if n)
