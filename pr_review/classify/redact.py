"""The data policy applied: scope → ModelView (redacted, blocked files withheld), and the final
masking pass that keeps raw sensitive values out of every finding the pipeline returns."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pr_review.classify import injection, policy
from pr_review.classify.detect import Detection, detect_lines, mask_in_text
from pr_review.classify.personal import HealthRules
from pr_review.classify.view import ModelFile, ModelView, Redaction
from pr_review.config import ClassificationSettings
from pr_review.gather.change import PullRequestMeta
from pr_review.models import Finding
from pr_review.scope import NotReviewed, Scope

_MIN_SWEEP = 6  # shorter values are not swept across other files: too likely to hit ordinary text


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
    signals: tuple[injection.Signal, ...] = ()


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

    def redact(self, lines: list[str], found: Sequence[Detection], path: str) -> None:
        by_line: dict[int, list[Detection]] = {}
        for detection in found:
            if self.settings.action(detection.data_class) == policy.REDACT:
                by_line.setdefault(detection.line, []).append(detection)
        for number, on_line in by_line.items():
            lines[number - 1], chosen = redact_line(lines[number - 1], on_line, self.redactor)
            self.redactions.extend(
                Redaction(path, number, d.data_class, d.kind, self.redactor.placeholder(d.data_class, d.kind, d.value))
                for d in chosen
            )

    def sweep(self, lines: list[str], path: str) -> None:
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
                self.redactions.append(
                    Redaction(path, index + 1, data_class, kind, self.redactor.placeholder(data_class, kind, value))
                )

    def text(self, text: str, path: str, label: str) -> tuple[list[str], frozenset[str], str | None]:
        """Redacted lines, classes allowed through, and the blocking class if any."""
        lines = text.split("\n")
        found = self.detect(lines, path)
        classes = {d.data_class for d in found}
        blocking = policy.blocking_class(classes, self.settings)
        if blocking is not None:
            self.withheld.append(NotReviewed(label, policy.withheld_reason(blocking, self.settings), "model"))
            return lines, frozenset(), blocking
        self.redact(lines, found, path)
        return lines, frozenset(c for c in classes if self.settings.action(c) == policy.ALLOW), None


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
    for changed in scope.files:
        path = changed.path
        by_path = policy.path_class(path, settings)
        if by_path is not None and settings.action(by_path[0]) != policy.ALLOW:
            reason = policy.withheld_reason(by_path[0], settings, pattern=by_path[1])
            builder.withheld.append(NotReviewed(path, reason, "model"))
            builder.detect(scope.text(path).split("\n"), path)  # its values still stay out of outputs
            continue
        lines, classes, blocking = builder.text(scope.text(path), path, path)
        if blocking is None:
            kept[path] = (lines, classes | ({by_path[0]} if by_path else frozenset()))
    for path, (lines, _) in kept.items():
        builder.sweep(lines, path)
    pr = _redacted_pr(builder, scope.change.pr)
    signals = injection.scan_change(scope)
    view = ModelView(
        files={path: ModelFile(path, "\n".join(lines), classes) for path, (lines, classes) in kept.items()},
        pr=pr,
        withheld=tuple(builder.withheld),
        redactions=tuple(dict.fromkeys(builder.redactions)),
        anomalies=tuple(dict.fromkeys(injection.anomaly(s) for s in signals)),
    )
    return Classified(view, frozenset(builder.values), signals)


_TEXT_FIELDS = ("title", "description", "exploit_scenario", "recommendation", "evidence")


def mask_known_secrets(findings: Iterable[Finding], values: Iterable[str]) -> tuple[Finding, ...]:
    """Every text field of every finding with each known sensitive value masked (`AKIA****…`).

    The pipeline applies this to all findings last: Semgrep copies flagged lines into `evidence`,
    a model may quote a value back; neither may carry it into findings.json, SARIF or comments.
    """
    known = frozenset(v for v in values if len(v) >= 4)
    result = []
    for finding in findings:
        if not known:
            result.append(finding)
            continue
        changes: dict[str, str | None] = {name: mask_in_text(getattr(finding, name), known) for name in _TEXT_FIELDS}
        if finding.suggested_fix is not None:
            changes["suggested_fix"] = mask_in_text(finding.suggested_fix, known)
        result.append(dataclasses.replace(finding, **changes))  # type: ignore[arg-type]
    return tuple(result)
