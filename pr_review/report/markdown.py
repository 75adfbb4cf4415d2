"""summary.md: the human summary (also the body of the GitHub summary comment and job summary)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from pr_review.analyzers.base import AnalyzerStatus, DastDetails, ModelDetails
from pr_review.models import CodeLocation, Finding, Severity, WebLocation
from pr_review.outcome import ReviewOutcome
from pr_review.text.sanitize import defuse_markers, neutralise
from pr_review.triage.model import DecisionKind, NoteKind

SEVERITY_BADGE = {
    Severity.CRITICAL: "🟥 critical",
    Severity.HIGH: "🟧 high",
    Severity.MEDIUM: "🟨 medium",
    Severity.LOW: "🟦 low",
    Severity.INFO: "⬜ info",
}
_STATUS_ICON = {AnalyzerStatus.OK: "✅", AnalyzerStatus.SKIPPED: "⏭️", AnalyzerStatus.FAILED: "❌"}
NOTHING_TO_REVIEW = "Nothing to review: the change has no differences."


def nothing_to_review(outcome: ReviewOutcome) -> bool:
    """The change had no file at all: every changed file is either reviewed or listed as not reviewed."""
    return not outcome.reviewed_files and not outcome.not_reviewed


def cell(text: str, limit: int = 200) -> str:
    """Untrusted text made safe for one Markdown table cell: neutralised (no HTML, mentions,
    foreign links or forged markers), no pipes, no newlines. Its code spans stay code spans: turned
    into quotes, the `@name` they show literally would notify."""
    # Neutralised as written, then flattened: joined first, a list item's `[ref]: //host` would
    # reach the parser as plain text and keep its foreign address.
    flat = " ".join(neutralise(text, max_len=limit).split())
    return flat.replace("|", "\\|")


def code(text: str, limit: int = 200) -> str:
    """Untrusted text as one inline code span in a table cell: shown literally (no mention, link or
    HTML takes effect inside it), so only backticks, pipes and newlines need removing."""
    flat = defuse_markers(" ".join(text.split())).replace("`", "'").replace("|", "\\|")
    return f"`{flat[: limit - 1] + '…' if len(flat) > limit else flat}`"


def cwe_link(cwe: str) -> str:
    number = cwe.removeprefix("CWE-")
    return f"[{cwe}](https://cwe.mitre.org/data/definitions/{number}.html)" if number.isdigit() else cell(cwe)


MAX_CWES_SHOWN = 5  # an uploaded findings.json may list any number of CWEs; all are in the files


def cwe_links(cwes: Sequence[str], separator: str = ", ") -> str:
    """The first CWEs as links, then how many more."""
    shown = separator.join(cwe_link(c) for c in cwes[:MAX_CWES_SHOWN])
    return shown + (f" +{len(cwes) - MAX_CWES_SHOWN}" if len(cwes) > MAX_CWES_SHOWN else "")


def where(finding: Finding) -> str:
    match finding.location:
        case CodeLocation(path=path, start_line=start, end_line=end):
            lines = f"{start}" if start == end else f"{start}-{end}"
            return code(f"{path}:{lines}", 130)
        case WebLocation(url=url, method=method):
            return f"{cell(method)} {code(url, 120)}".strip()


def findings_table(findings: tuple[Finding, ...], placement: Mapping[str, str] | None = None) -> list[str]:
    """One row per finding; with `placement`, a column saying where it was reported and why."""
    header = "| Severity | Finding | Where | CWE | Found by |" + (" Reported |" if placement is not None else "")
    rows = [header, "|---|---|---|---|---|" + ("---|" if placement is not None else "")]
    rows.extend(
        f"| {SEVERITY_BADGE[finding.severity]} | {cell(finding.title)} | {where(finding)} | "
        f"{cwe_links(finding.cwe) or '—'} | {', '.join(finding.sources)} |"
        + (f" {cell(placement.get(finding.fingerprint, 'here'))} |" if placement is not None else "")
        for finding in findings
    )
    return rows


def data_policy_section(outcome: ReviewOutcome) -> list[str]:
    """What the data policy (config `classification`) kept from the model, by file and class."""
    view = outcome.model_view
    if view is None or not (view.withheld or view.redactions):
        return []
    lines = ["", "### Withheld or redacted before reaching a model", "", "| File | Class | What |", "|---|---|---|"]
    lines += [f"| {code(item.path, 150)} | withheld | {cell(item.reason, 300)} |" for item in view.withheld]
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for redaction in view.redactions:
        kinds = counts.setdefault((redaction.path or "PR metadata", redaction.data_class), {})
        kinds[redaction.kind] = kinds.get(redaction.kind, 0) + 1
    for (path, data_class), kinds in counts.items():
        what = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        lines.append(f"| {code(path, 150)} | {cell(data_class, 40)} | redacted: {cell(what, 300)} |")
    return lines


def _zap_instance_counts(outcome: ReviewOutcome) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in outcome.analyzers:
        if isinstance(result.details, DastDetails):
            counts.update(result.details.instances)
    return counts


def dast_section(outcome: ReviewOutcome) -> list[str]:
    """ZAP's alerts: risk, how many instances, which URL paths, and the route they map to."""
    alerts = [f for f in outcome.findings if "zap" in f.sources]
    if not alerts:
        return []
    counts = _zap_instance_counts(outcome)
    forced = outcome.forced_rules
    header = "| Risk | Alert | Instances | URL paths | Route in this change |"
    lines = ["", "### DAST (ZAP)", "", header, "|---|---|---|---|---|"]
    for finding in alerts:
        webs = [loc for loc in (finding.location, *finding.extra_locations) if isinstance(loc, WebLocation)]
        paths = list(dict.fromkeys(urlsplit(loc.url).path or "/" for loc in webs))
        shown = ", ".join(f"{code(p, 80)}" for p in paths[:3]) + (f" +{len(paths) - 3}" if len(paths) > 3 else "")
        route = where(finding) if isinstance(finding.location, CodeLocation) else "—"
        flag = " (FAIL rule)" if forced.intersection(finding.rule_ids) else ""
        lines.append(
            f"| {SEVERITY_BADGE[finding.severity]}{flag} | {cell(finding.title)} | "
            f"{counts.get(finding.fingerprint, len(webs))} | {shown or '—'} | {route} |"
        )
    if any(forced.intersection(f.rule_ids) for f in alerts):
        lines.append("\nAlerts marked FAIL in the ZAP rules file fail the job whatever `fail_on` says.")
    return lines


def triage_section(outcome: ReviewOutcome) -> list[str]:
    """Suppressed and dismissed findings (never silently dropped) and suppressions that did not apply."""
    lines: list[str] = []
    pending = [n for n in outcome.triage_notes if n.kind is NoteKind.NEEDS_APPROVAL]
    if pending:
        lines += ["", f"### ⚠️ Suppressions added by this pull request: need approval ({len(pending)})", ""]
        lines += [f"- {cell(n.message, 400)} ({code(n.fingerprint[:12])})" for n in pending]
    for kind, title in ((DecisionKind.DISMISSED, "Dismissed by a reviewer"), (None, "Suppressed")):
        rows = [s for s in outcome.suppressed if (s.kind is kind) == (kind is not None)]
        if not rows:
            continue
        lines += ["", f"### {title} ({len(rows)})", "", "| Severity | Finding | Where | How | By | Why |"]
        lines.append("|---|---|---|---|---|---|")
        lines += [
            f"| {SEVERITY_BADGE[s.finding.severity]} | {cell(s.finding.title)} | {where(s.finding)} | "
            f"{s.kind.value} | {cell(s.by, 120)} | {cell(s.reason, 300)} |"
            for s in rows
        ]
    others = [n for n in outcome.triage_notes if n.kind is not NoteKind.NEEDS_APPROVAL]
    if others:
        lines += ["", f"### Suppressions and dismissals not applied ({len(others)})", ""]
        lines += [f"- {cell(n.message, 400)}" for n in others]
    return lines


def render_summary(
    outcome: ReviewOutcome,
    *,
    placement: Mapping[str, str] | None = None,
    extra: Sequence[str] = (),
    budget: int | None = None,
    elsewhere: str = "`findings.json` and `results.sarif`",
) -> str:
    """The summary; `placement` (fingerprint → where it was reported) and `extra` Markdown
    sections come from the GitHub reporter. With a `budget` (characters) the summary fits it:
    findings are listed most severe first until the budget, then counted, with `elsewhere` saying
    where all of them are."""
    findings = tuple(sorted(outcome.findings, key=lambda f: -f.severity.rank))
    table = findings_table(findings, placement) if findings else []
    head, tail = _head(outcome), _tail(outcome, extra)
    whole = "\n".join([*head, *table, *tail]) + "\n"
    if budget is None or len(whole) <= budget:
        return whole
    # The sections after the findings get at most a quarter of the budget, the findings the rest.
    tail = _lines_within(
        tail, min(_size(tail), budget // 4), f"\n… the rest of this summary is cut to fit; see {elsewhere}."
    )
    worst_note = _more_findings(findings, elsewhere)
    room = budget - _size(head) - _size(tail) - len(worst_note) - 2
    shown = _lines_within(table, room, "")
    listed = max(len(shown) - 2, 0)  # the table's two header lines
    if listed < len(findings):
        shown = [*(shown if listed else []), _more_findings(findings[listed:], elsewhere)]
    return "\n".join([*head, *shown, *tail]) + "\n"


def _size(lines: Sequence[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _lines_within(lines: Sequence[str], limit: int, note: str) -> list[str]:
    """Whole lines from the start while they fit `limit` characters; `note` closes a cut list."""
    if _size(lines) <= limit:
        return list(lines)
    kept: list[str] = []
    used = len(note) + 1
    for line in lines:
        if used + len(line) + 1 > limit:
            break
        kept.append(line)
        used += len(line) + 1
    return [*kept, note] if note else kept


def _more_findings(omitted: Sequence[Finding], elsewhere: str) -> str:
    counts = {s: sum(f.severity is s for f in omitted) for s in Severity}
    by_severity = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    return (
        f"\n**{len(omitted)} more finding(s) not listed here** ({by_severity}), to stay within GitHub's size "
        f"limit: every finding is in {elsewhere}."
    )


def _head(outcome: ReviewOutcome) -> list[str]:
    counts = outcome.counts()
    total = len(outcome.findings)
    lines = ["## pr-review security review", ""]
    target = outcome.target
    lines.append(
        f"Reviewed {code(target.head, 60)} against {code(target.base or '(diff file)', 60)} "
        f"in {outcome.duration_s:.1f}s: {len(outcome.reviewed_files)} file(s) reviewed."
    )
    lines.append(f"Configuration: {code(outcome.config.source)}.")
    lines.append("")
    if total:
        lines.append("**" + ", ".join(f"{n} {s.value}" for s, n in counts.items() if n) + "**")
    elif nothing_to_review(outcome):
        lines.append(f"**{NOTHING_TO_REVIEW}**")
    else:
        lines.append("**No findings.**")
    if outcome.suppressed:
        dismissed = sum(s.kind.value == "dismissed" for s in outcome.suppressed)
        lines.append(f"\n{len(outcome.suppressed) - dismissed} suppressed, {dismissed} dismissed (listed below).")
    if outcome.failing_findings and outcome.config.fail_on is not None:
        lines.append(
            f"\n{len(outcome.failing_findings)} finding(s) at or above `fail_on: {outcome.config.fail_on.value}`."
        )
    if outcome.incomplete_reason:
        lines.append(f"\n> [!WARNING]\n> The review did not complete: {cell(outcome.incomplete_reason, 500)}")
    if total:
        lines.append("")
    return lines


MAX_CARRIED_SHOWN = 20


def model_usage_section(model: ModelDetails) -> list[str]:
    """Full or incremental review, which files were carried forward from which run, tokens and cost."""
    tokens = dict(model.tokens)
    lines: list[str] = []
    if model.review_mode:
        mode = "incremental" if model.review_mode == "incremental" else cell(model.review_mode, 300)
        lines += [
            "",
            f"Claude review: {mode}; {model.units_reviewed} file(s) sent, {len(model.units_carried)} carried "
            f"forward unchanged.",
        ]
        for path, run in model.units_carried[:MAX_CARRIED_SHOWN]:
            lines.append(f"- {code(path, 150)}: findings carried from run {code(run, 80)}")
        if len(model.units_carried) > MAX_CARRIED_SHOWN:
            lines.append(f"- … and {len(model.units_carried) - MAX_CARRIED_SHOWN} more (audit.jsonl lists them all)")
    if model.requests or model.review_mode:
        cost = f" ≈ ${model.cost_usd:.4f}" if model.cost_usd is not None else ""
        versus = f" (a full review: ~{model.full_review_tokens:,} input tokens)" if model.review_mode else ""
        lines += [
            "",
            f"Tokens: {tokens.get('input', 0):,} in{versus}, {tokens.get('output', 0):,} out, "
            f"{tokens.get('cache_read', 0):,} cache reads, {tokens.get('cache_write', 0):,} cache writes{cost}.",
        ]
    return lines


def _tail(outcome: ReviewOutcome, extra: Sequence[str]) -> list[str]:
    lines = triage_section(outcome)
    lines += dast_section(outcome)
    lines.extend(extra)
    if outcome.analyzers:
        lines += ["", "### Analyzers", "", "| Analyzer | Status | Detail | Time |", "|---|---|---|---|"]
    for result in outcome.analyzers:
        lines.append(
            f"| {cell(result.name, 60)} | {_STATUS_ICON[result.status]} {result.status.value} "
            f"| {cell(result.detail, 300)} | {result.duration_s:.1f}s |"
        )
    model = outcome.model_details
    if model is not None and model.model:
        prompt = f", prompt {code(model.prompt_sha256[:12])}" if model.prompt_sha256 else ""
        where_run = " / ".join(filter(None, (model.provider, model.region)))
        lines += [
            "",
            f"Model: {code(model.model, 80)}{f' via {cell(where_run, 60)}' if where_run else ''}{prompt}.",
        ]
    if model is not None:
        lines += model_usage_section(model)
    lines += data_policy_section(outcome)
    if outcome.not_reviewed:
        lines += ["", f"### Not reviewed ({len(outcome.not_reviewed)})", "", "| File | Why |", "|---|---|"]
        for item in outcome.not_reviewed:
            who = f" ({cell(item.analyzer, 60)})" if item.analyzer else ""
            lines.append(f"| {code(item.path, 150)} | {cell(item.reason, 200)}{who} |")
    return lines
