"""The data policy applied: scope → ModelView (redacted, blocked files withheld), and the final
masking pass that keeps raw sensitive values out of every finding the pipeline returns."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pr_review.classify import injection, policy
from pr_review.classify.detect import Detection, detect_lines, mask_in_text
from pr_review.classify.personal import HealthRules
from pr_review.classify.view import FilePolicy, ModelFile, ModelView, Redaction, removed_lines
from pr_review.config import ClassificationSettings
from pr_review.gather.change import PullRequestMeta
from pr_review.models import CodeLocation, Finding, Location, WebLocation
from pr_review.outcome import ReviewOutcome
from pr_review.scope import NotReviewed, Scope

_MIN_SWEEP = 6  # shorter values are not swept across other files: too likely to hit ordinary text
# Hash-named build outputs (app.3f9a8b7c6d5e4f3a2b1c.js) are not secrets in a file name.
_NOT_IN_NAMES = frozenset({"high-entropy-hex"})


class Redactor:
    """Typed placeholders numbered per kind per run; the same value always gets the same number."""

    def __init__(self) -> None:
        self._numbers: dict[str, dict[str, int]] = {}
        self.by_value: dict[str, tuple[str, str]] = {}  # value → (data class, kind)

    def placeholder(self, data_class: str, kind: str, value: str) -> str:
        known = self.by_value.get(value)
        if known is not None:
            data_class, kind = known
        numbers = self._numbers.setdefault(kind, {})
        number = numbers.setdefault(value, len(numbers) + 1)
        self.by_value.setdefault(value, (data_class, kind))
        return f"[REDACTED:{kind}#{number}]"


def redact_line(line: str, detections: Sequence[Detection], redactor: Redactor) -> tuple[str, list[Detection]]:
    """Spans replaced right to left; overlapping spans keep the earlier, longer one."""
    chosen: list[Detection] = []
    for detection in sorted(detections, key=lambda d: (d.start, -(d.end - d.start))):
        if not chosen or detection.start >= chosen[-1].end:
            chosen.append(detection)
    for detection in reversed(chosen):
        placeholder = redactor.placeholder(detection.data_class, detection.kind, detection.value)
        line = line[: detection.start] + placeholder + line[detection.end :]
    return line, chosen


@dataclass(frozen=True)
class Classified:
    """What classification produced: the model's view, and the raw values to keep out of outputs."""

    view: ModelView
    sensitive_values: frozenset[str] = field(default=frozenset(), repr=False)
    later_files: FilePolicy | None = field(default=None, repr=False, compare=False)


class _Builder:
    def __init__(self, settings: ClassificationSettings, health: HealthRules) -> None:
        self.settings = settings
        self.health = health
        self.redactor = Redactor()
        self.redactions: list[Redaction] = []
        self.withheld: list[NotReviewed] = []
        self.values: set[str] = set()

    def detect(self, lines: Sequence[str], path: str) -> list[Detection]:
        found = detect_lines(lines, path=path, region=self.settings.phone_region, health=self.health)
        self.values.update(d.value for d in found if len(d.value) >= 4)
        return found

    def redact(self, lines: list[str], found: Sequence[Detection], path: str, old: Sequence[int] = ()) -> None:
        """Redacts `lines` in place; `old`: the old line numbers of removed lines, to record."""
        by_line: dict[int, list[Detection]] = {}
        for detection in found:
            if self.settings.action(detection.data_class) == policy.REDACT:
                by_line.setdefault(detection.line, []).append(detection)
        for number, on_line in by_line.items():
            lines[number - 1], chosen = redact_line(lines[number - 1], on_line, self.redactor)
            for d in chosen:
                self.note_redaction(path, number, d.data_class, d.kind, d.value, old)

    def note_redaction(
        self, path: str, number: int, data_class: str, kind: str, value: str, old: Sequence[int]
    ) -> None:
        placeholder = self.redactor.placeholder(data_class, kind, value)
        line = old[number - 1] if old else number
        self.redactions.append(Redaction(path, line, data_class, kind, placeholder, removed=bool(old)))

    def sweep(self, lines: list[str], path: str, old: Sequence[int] = ()) -> None:
        """Values redacted anywhere are redacted everywhere, even where no detector fired."""
        values = [v for v in self.redactor.by_value if len(v) >= _MIN_SWEEP]
        if not values:
            return
        pattern = re.compile("|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)))
        for index, line in enumerate(lines):
            if pattern.search(line) is None:
                continue
            hits = [m.group(0) for m in pattern.finditer(line)]
            lines[index] = pattern.sub(lambda m: self.redactor.placeholder("", "", m.group(0)), line)
            for value in hits:
                data_class, kind = self.redactor.by_value[value]
                self.note_redaction(path, index + 1, data_class, kind, value, old)

    def name(self, path: str) -> str | None:
        """The class of a value in the file's own name (a token, an address), or None.

        Its values are redacted wherever else they appear and kept out of every output; the file
        itself is withheld: it cannot reach a model without its name.
        """
        found = [
            d
            for d in detect_lines(path.split("/"), health=self.health)  # one name at a time
            if d.kind not in _NOT_IN_NAMES and self.settings.action(d.data_class) != policy.ALLOW
        ]
        if not found:
            return None
        self.values.update(d.value for d in found if len(d.value) >= 4)
        for detection in found:
            self.redactor.placeholder(detection.data_class, detection.kind, detection.value)
        classes = {d.data_class for d in found}
        return policy.blocking_class(classes, self.settings) or min(
            classes, key=lambda c: policy.CLASS_ORDER.index(c) if c in policy.CLASS_ORDER else -1
        )

    def text(self, text: str, path: str, label: str) -> tuple[list[str], frozenset[str], str | None]:
        """Redacted lines, classes allowed through, and the blocking class if any."""
        return self.lines(text.split("\n"), path, label)

    def lines(
        self, lines: list[str], path: str, label: str, old: Sequence[int] = ()
    ) -> tuple[list[str], frozenset[str], str | None]:
        found = self.detect(lines, path)
        classes = {d.data_class for d in found}
        blocking = policy.blocking_class(classes, self.settings)
        if blocking is not None:
            self.withheld.append(NotReviewed(label, policy.withheld_reason(blocking, self.settings), "model"))
            return lines, frozenset(), blocking
        self.redact(lines, found, path, old)
        return lines, frozenset(c for c in classes if self.settings.action(c) == policy.ALLOW), None

    def file(
        self, path: str, head: list[str], gone: list[str] | None = None, old: Sequence[int] = ()
    ) -> tuple[list[str], list[str], frozenset[str]] | None:
        """A file's redacted head lines, its redacted removed lines (`old`: their old numbers) and the
        classes sent, or None when it is withheld (the reason is added to `withheld`). Removed lines
        are classified as the head is: a blocked value in either withholds the file. Its values stay
        out of outputs either way."""
        gone = gone or []
        if (in_name := self.name(path)) is not None:
            reason = policy.withheld_reason(in_name, self.settings, in_name=True)
            self.withheld.append(NotReviewed(path, reason, "model"))
            self.detect([*head, *gone], path)
            return None
        by_path = policy.path_class(path, self.settings)
        if by_path is not None and self.settings.action(by_path[0]) != policy.ALLOW:
            reason = policy.withheld_reason(by_path[0], self.settings, pattern=by_path[1])
            self.withheld.append(NotReviewed(path, reason, "model"))
            self.detect([*head, *gone], path)
            return None
        lines, classes, blocking = self.lines(head, path, path)
        if blocking is not None:
            self.detect(gone, path)
            return None
        gone, removed_classes, blocking = self.lines(gone, path, path, old)
        if blocking is not None:
            return None
        return lines, gone, classes | removed_classes | ({by_path[0]} if by_path else frozenset())


def _redacted_pr(builder: _Builder, pr: PullRequestMeta) -> PullRequestMeta:
    def one(label: str, text: str) -> list[str] | str:
        lines, _, blocking = builder.text(text, "", label)
        if blocking is not None:
            return f"[WITHHELD: contains {policy.describe(blocking)}]"
        return lines

    title, body, branch = (
        one(label, text) for label, text in (("PR title", pr.title), ("PR body", pr.body), ("branch name", pr.head_ref))
    )
    messages = [one(f"commit message {i}", m) for i, m in enumerate(pr.commit_messages, start=1)]
    for lines in (title, body, branch, *messages):
        if isinstance(lines, list):
            builder.sweep(lines, "")

    def joined(value: list[str] | str) -> str:
        return value if isinstance(value, str) else "\n".join(value)

    return dataclasses.replace(
        pr,
        title=joined(title),
        body=joined(body),
        head_ref=joined(branch),
        commit_messages=tuple(joined(m) for m in messages),
    )


def build_model_view(scope: Scope, settings: ClassificationSettings) -> Classified:
    """The data policy applied to the change: what a model may see, before any request is made."""
    builder = _Builder(settings, policy.health_rules_of(settings))
    kept: dict[str, tuple[list[str], frozenset[str]]] = {}
    removed: dict[str, tuple[list[int], list[str]]] = {}  # path → old line numbers, redacted text
    for changed in (*scope.files, *scope.deleted):
        path = changed.path
        head = scope.text(path).split("\n") if path in scope.contents else []
        old, gone = [n for n, _ in removed_lines(changed)], [text for _, text in removed_lines(changed)]
        if (decided := builder.file(path, head, gone, old)) is not None:
            lines, gone, classes = decided
            kept[path] = (lines, classes)
            removed[path] = (old, gone)
    for path, (lines, _) in kept.items():
        builder.sweep(lines, path)
        builder.sweep(removed[path][1], path, removed[path][0])
    pr = _redacted_pr(builder, scope.change.pr)
    signals = injection.scan_change(scope)
    view = ModelView(
        files={
            path: ModelFile(path, "\n".join(lines), classes, tuple(zip(*removed[path], strict=True)))
            for path, (lines, classes) in kept.items()
        },
        pr=pr,
        withheld=tuple(builder.withheld),
        redactions=tuple(dict.fromkeys(builder.redactions)),
        anomalies=tuple(dict.fromkeys(injection.anomaly(s) for s in signals)),
    )
    return Classified(view, frozenset(builder.values), _LaterFiles(builder))


class _LaterFiles:
    """The view's data policy for files read later (the model's lookups), with the view's
    placeholders, so a value has the same placeholder in the diff and in a file read by a tool."""

    def __init__(self, builder: _Builder) -> None:
        self._builder = builder
        self._lock = threading.Lock()  # the requests of a review run concurrently

    def __call__(self, path: str, text: str) -> ModelFile | NotReviewed:
        with self._lock:
            before = len(self._builder.withheld)
            decided = self._builder.file(path, text.split("\n"))
            if decided is None:
                return self._builder.withheld[before]
            lines, _, classes = decided
            self._builder.sweep(lines, path)
            return ModelFile(path, "\n".join(lines), classes)


_TEXT_FIELDS = ("title", "description", "exploit_scenario", "recommendation", "evidence")


def _masked_location(location: Location, known: frozenset[str]) -> Location:
    match location:
        case CodeLocation(path=path):
            return dataclasses.replace(location, path=mask_in_text(path, known))
        case WebLocation(url=url, param=param):
            return dataclasses.replace(location, url=mask_in_text(url, known), param=mask_in_text(param, known))


def _masked_finding(finding: Finding, known: frozenset[str]) -> Finding:
    changes: dict[str, object] = {name: mask_in_text(getattr(finding, name), known) for name in _TEXT_FIELDS}
    if finding.suggested_fix is not None:
        changes["suggested_fix"] = mask_in_text(finding.suggested_fix, known)
    changes["location"] = _masked_location(finding.location, known)
    changes["extra_locations"] = tuple(_masked_location(loc, known) for loc in finding.extra_locations)
    return dataclasses.replace(finding, **changes)  # type: ignore[arg-type]


def _known(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v for v in values if len(v) >= 4)


def mask_known_secrets(findings: Iterable[Finding], values: Iterable[str]) -> tuple[Finding, ...]:
    """Every text field and every location (path, URL) of every finding with each known sensitive
    value masked (`AKIA****…`): Semgrep copies flagged lines into `evidence`, a model may quote a
    value back, a file's name may carry one."""
    known = _known(values)
    return tuple(_masked_finding(f, known) if known else f for f in findings)


def _masked_not_reviewed(items: Iterable[NotReviewed], known: frozenset[str]) -> tuple[NotReviewed, ...]:
    return tuple(
        dataclasses.replace(n, path=mask_in_text(n.path, known), reason=mask_in_text(n.reason, known)) for n in items
    )


def masked_view(view: ModelView, values: Iterable[str]) -> ModelView:
    """The model view as outputs and the audit trail describe it: paths with values masked."""
    known = _known(values)
    if not known:
        return view
    return dataclasses.replace(
        view,
        withheld=_masked_not_reviewed(view.withheld, known),
        redactions=tuple(dataclasses.replace(r, path=mask_in_text(r.path, known)) for r in view.redactions),
    )


def mask_outcome(outcome: ReviewOutcome, values: Iterable[str]) -> ReviewOutcome:
    """The final masking pass: no field a reporter writes (findings, suppressed findings, notes,
    analyzer details, file lists, the model view's lists) carries a known sensitive value."""
    known = _known(values)
    if not known:
        return outcome

    def text(value: str) -> str:
        return mask_in_text(value, known)

    return dataclasses.replace(
        outcome,
        findings=mask_known_secrets(outcome.findings, known),
        suppressed=tuple(
            dataclasses.replace(s, finding=_masked_finding(s.finding, known), reason=text(s.reason), by=text(s.by))
            for s in outcome.suppressed
        ),
        triage_notes=tuple(dataclasses.replace(n, message=text(n.message)) for n in outcome.triage_notes),
        analyzers=tuple(
            dataclasses.replace(
                r,
                findings=mask_known_secrets(r.findings, known),
                detail=text(r.detail),
                not_reviewed=_masked_not_reviewed(r.not_reviewed, known),
            )
            for r in outcome.analyzers
        ),
        reviewed_files=tuple(text(path) for path in outcome.reviewed_files),
        not_reviewed=_masked_not_reviewed(outcome.not_reviewed, known),
        model_view=None if outcome.model_view is None else masked_view(outcome.model_view, known),
    )
