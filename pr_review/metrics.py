"""`pr-review metrics`: what the audit trails of many runs say about the findings and their triage.

Per source and per rule: how many distinct findings (one per repository, pull request and
fingerprint, however many runs saw it), how many were dismissed by a reviewer (a proxy for false
positives) or suppressed. Per pull request: how long escalations stayed open, from the first run
that escalated (a finding at or above the threshold, or the label added) to the first later run
where none remained (or the label was removed). Files that fail `audit verify` are left out and
listed: numbers from a log that may have been edited are not numbers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pr_review.audit_verify import verify
from pr_review.models import Severity
from pr_review.report.markdown import cell

REPORTED = frozenset({"new", "existing"})


@dataclass(slots=True)
class Tally:
    findings: int = 0
    dismissed: int = 0
    suppressed: int = 0

    @property
    def dismissal_rate(self) -> float:
        """Of the findings a reviewer saw (suppressed ones never reached one), the share dismissed."""
        shown = self.findings - self.suppressed
        return self.dismissed / shown if shown else 0.0


@dataclass(frozen=True, slots=True)
class FindingEvent:
    fingerprint: str
    severity: Severity
    sources: tuple[str, ...]
    rule_ids: tuple[str, ...]
    status: str


@dataclass(slots=True)
class Run:
    run_id: str
    repository: str
    pr: int | None
    started: dt.datetime
    findings: list[FindingEvent] = field(default_factory=list)
    labels_added: bool = False
    labels_removed: bool = False


@dataclass(frozen=True, slots=True)
class Escalation:
    repository: str
    pr: int | None
    opened: dt.datetime
    closed: dt.datetime | None  # None: still open at the last run seen
    last_seen: dt.datetime

    @property
    def open_for(self) -> dt.timedelta:
        return (self.closed or self.last_seen) - self.opened


@dataclass(frozen=True, slots=True)
class Skipped:
    path: Path
    problem: str


@dataclass
class Metrics:
    runs: int
    files: tuple[Path, ...]
    skipped: tuple[Skipped, ...]
    per_source: dict[str, Tally]
    per_rule: dict[str, Tally]
    weekly: dict[dt.date, dict[str, Tally]]  # Monday of the week a finding was first seen → source → tally
    escalations: list[Escalation]
    threshold: Severity


def _timestamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def read_runs(path: Path) -> list[Run]:
    """The runs of one verified audit log."""
    runs: dict[str, Run] = {}
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            event = json.loads(line)
            data, run_id = event["data"], event["run_id"]
            if event["event"] == "run_started":
                runs[run_id] = Run(run_id, data["repository"], data["pr"], _timestamp(event["ts"]))
                continue
            run = runs.get(run_id)
            if run is None:
                continue
            if event["event"] == "finding":
                run.findings.append(
                    FindingEvent(
                        data["fingerprint"],
                        Severity(data["severity"]),
                        tuple(data["sources"]),
                        tuple(data["rule_ids"]),
                        data["status"],
                    )
                )
            elif event["event"] == "action" and data["kind"] == "label":
                removed = str(data.get("id", "")).startswith("-")
                run.labels_removed |= removed
                run.labels_added |= not removed
    return list(runs.values())


def load(paths: Iterable[Path], *, key: bytes | None = None) -> tuple[list[Run], list[Path], list[Skipped]]:
    runs: list[Run] = []
    used: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        result = verify(path, key)
        if not result.ok:
            skipped.append(Skipped(path, result.problem))
            continue
        runs.extend(read_runs(path))
        used.append(path)
    return runs, used, skipped


def _monday(moment: dt.datetime) -> dt.date:
    day = moment.date()
    return day - dt.timedelta(days=day.weekday())


def _escalated(run: Run, threshold: Severity) -> bool:
    reported = any(f.status in REPORTED and f.severity.at_least(threshold) for f in run.findings)
    return (reported or run.labels_added) and not run.labels_removed


def escalations(runs: Sequence[Run], threshold: Severity) -> list[Escalation]:
    by_pr: dict[tuple[str, int | None], list[Run]] = {}
    for run in runs:
        by_pr.setdefault((run.repository, run.pr), []).append(run)
    found: list[Escalation] = []
    for (repository, pr), pr_runs in sorted(by_pr.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
        pr_runs.sort(key=lambda r: r.started)
        opened: dt.datetime | None = None
        for run in pr_runs:
            if opened is None and _escalated(run, threshold):
                opened = run.started
            elif opened is not None and not _escalated(run, threshold):
                found.append(Escalation(repository, pr, opened, run.started, run.started))
                opened = None
        if opened is not None:
            found.append(Escalation(repository, pr, opened, None, pr_runs[-1].started))
    return found


def compute(
    runs: Sequence[Run], *, files: Sequence[Path] = (), skipped: Sequence[Skipped] = (), threshold: Severity
) -> Metrics:
    # One finding per (repository, pull request, fingerprint): dismissed if any run dismissed it.
    first_seen: dict[tuple[str, int | None, str], dt.datetime] = {}
    statuses: dict[tuple[str, int | None, str], set[str]] = {}
    sources: dict[tuple[str, int | None, str], dict[str, None]] = {}
    rules: dict[tuple[str, int | None, str], dict[str, None]] = {}
    for run in sorted(runs, key=lambda r: r.started):
        for event in run.findings:
            key = (run.repository, run.pr, event.fingerprint)
            first_seen.setdefault(key, run.started)
            statuses.setdefault(key, set()).add(event.status)
            sources.setdefault(key, {}).update(dict.fromkeys(event.sources))
            rules.setdefault(key, {}).update(dict.fromkeys(event.rule_ids))
    per_source: dict[str, Tally] = {}
    per_rule: dict[str, Tally] = {}
    weekly: dict[dt.date, dict[str, Tally]] = {}
    for key, seen in first_seen.items():
        dismissed = "dismissed" in statuses[key]
        suppressed = not dismissed and "suppressed" in statuses[key]
        week = weekly.setdefault(_monday(seen), {})
        for table, names in ((per_source, sources[key]), (per_rule, rules[key]), (week, sources[key])):
            for name in names:
                tally = table.setdefault(name, Tally())
                tally.findings += 1
                tally.dismissed += dismissed
                tally.suppressed += suppressed
    return Metrics(
        runs=len(runs),
        files=tuple(files),
        skipped=tuple(skipped),
        per_source=dict(sorted(per_source.items())),
        per_rule=dict(sorted(per_rule.items(), key=lambda item: (-item[1].findings, item[0]))),
        weekly=dict(sorted(weekly.items())),
        escalations=escalations(runs, threshold),
        threshold=threshold,
    )


def _duration(delta: dt.timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} d"


def _tally_table(title: str, rows: Mapping[str, Tally], limit: int = 50) -> list[str]:
    lines = [
        "",
        f"## {title}",
        "",
        f"| {title.split()[-1].capitalize()} | Findings | Dismissed | Dismissal rate | Suppressed |",
    ]
    lines.append("|---|---:|---:|---:|---:|")
    lines += [
        f"| `{cell(name, 120)}` | {t.findings} | {t.dismissed} | {t.dismissal_rate:.0%} | {t.suppressed} |"
        for name, t in list(rows.items())[:limit]
    ]
    if len(rows) > limit:
        lines.append(f"\n{len(rows) - limit} more not shown.")
    return lines


def render_markdown(metrics: Metrics, *, chart: str | None = None) -> str:
    lines = [
        "# pr-review metrics",
        "",
        f"{metrics.runs} run(s) from {len(metrics.files)} audit file(s). A finding is counted once per pull "
        "request however many runs saw it; the dismissal rate (dismissed by a reviewer ÷ findings not "
        "suppressed) is a proxy for false positives.",
    ]
    if metrics.skipped:
        lines += [
            "",
            f"> [!WARNING]\n> {len(metrics.skipped)} file(s) failed `pr-review audit verify` and were left out:",
        ]
        lines += [f"> - `{cell(str(s.path), 200)}`: {cell(s.problem, 300)}" for s in metrics.skipped]
    lines += _tally_table("Findings per source", metrics.per_source)
    lines += _tally_table("Findings per rule", metrics.per_rule)
    if chart is not None:
        lines += ["", "## Dismissal rate per source over time", "", f"![dismissal rate per source by week]({chart})"]
    lines += ["", f"## Escalations (findings at or above {metrics.threshold.value}, or the label)", ""]
    if not metrics.escalations:
        lines.append("None.")
    else:
        closed = [e.open_for for e in metrics.escalations if e.closed is not None]
        if closed:
            mean = sum(closed, dt.timedelta()) / len(closed)
            lines += [f"{len(closed)} closed, open on average {_duration(mean)}.", ""]
        lines += ["| Repository | PR | Escalated | Cleared | Open for |", "|---|---:|---|---|---:|"]
        lines += [
            f"| {cell(e.repository, 100)} | {e.pr if e.pr is not None else '—'} | {e.opened:%Y-%m-%d %H:%M} | "
            f"{f'{e.closed:%Y-%m-%d %H:%M}' if e.closed else 'still open'} | {_duration(e.open_for)} |"
            for e in metrics.escalations
        ]
    return "\n".join(lines) + "\n"
