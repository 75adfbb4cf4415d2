"""Prompt-injection signals in what the PR's author wrote: added lines, paths, title, body,
commit messages, branch names. A signal does not stop the review: it is an anomaly on the
ModelView and a high-severity finding (CWE-1427), so a human looks at the PR.

Patterns are linear-time (bounded repeats, no nesting) and run on at most MAX_LINE characters.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pr_review.classify.personal import MAX_LINE
from pr_review.fingerprint import code_fingerprint, web_fingerprint
from pr_review.gather.change import PullRequestMeta
from pr_review.models import CodeLocation, Finding, Location, Severity, Source, WebLocation
from pr_review.scope import Scope
from pr_review.text.invisible import INVISIBLE, code_point

CWE = "CWE-1427"
_S = r"[ \t]{1,5}"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "instruction-override",
        re.compile(
            rf"\b(?:ignore|disregard|forget|override){_S}(?:all{_S})?(?:of{_S})?(?:the{_S}|your{_S}|any{_S})?"
            rf"(?:previous|prior|above|earlier|preceding|system)(?:{_S}(?:instructions?|prompts?|rules|context))?",
            re.IGNORECASE,
        ),
    ),
    ("instruction-override", re.compile(rf"\bdisregard{_S}(?:the{_S})?above\b", re.IGNORECASE)),
    (
        "role-reassignment",
        re.compile(
            rf"\byou{_S}are{_S}now{_S}(?:a{_S}|an{_S}|in{_S}|my{_S})?(?:[a-z]{{1,20}}{_S})?"
            r"(?:assistant|ai|model|chatbot|dan|developer|jailbroken|unrestricted|reviewer|auditor|mode)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "system-prompt",
        re.compile(
            rf"\b(?:reveal|print|show|repeat|ignore|override|new|updated?|leak){_S}(?:the{_S}|your{_S})?system{_S}prompt",
            re.IGNORECASE,
        ),
    ),
    (
        "suppress-findings",
        re.compile(
            rf"\b(?:report{_S}no{_S}(?:findings|issues|vulnerabilities)|do{_S}not{_S}(?:report|flag|mention)|"
            rf"don'?t{_S}(?:report|flag)|(?:mark|classify){_S}(?:this|it|the{_S}code){_S}as{_S}safe)\b",
            re.IGNORECASE,
        ),
    ),
    ("role-spoofing", re.compile(r"^[ \t>#*/-]{0,8}(?:Human|Assistant|System|User)[ \t]{0,3}:", re.IGNORECASE)),
    (
        "role-spoofing",
        re.compile(
            r"</?(?:system|user|assistant|human|instructions?)>|\[/?INST\]|<\|im_(?:start|end)\|>|<\|(?:system|user|assistant)\|>|<</?SYS>>",
            re.IGNORECASE,
        ),
    ),
    ("fence-breaking", re.compile(r"<{2,3}[ \t]{0,3}/?(?:END[-_ ]?)?UNTRUSTED", re.IGNORECASE)),
)
_JOINERS = "\u200c\u200d"  # legitimate inside emoji sequences and some scripts
_PRESENTATION = "\ufe0e\ufe0f"  # text/emoji presentation of the character before it: "⚠️"


@dataclass(frozen=True, slots=True)
class Signal:
    kind: str  # instruction-override, role-spoofing, fence-breaking, invisible-unicode, …
    where: str  # "src/app.py:12", "PR title", "commit message 2"
    path: str  # "" for PR metadata
    line: int
    excerpt: str  # printable: invisible characters shown as <U+202E>


def _printable(text: str) -> str:
    shown = INVISIBLE.sub(lambda m: f"<{code_point(m.group())}>", text[:300])
    return " ".join(shown.split())[:200]


def _visible_non_ascii(char: str) -> bool:
    return not char.isascii() and INVISIBLE.fullmatch(char) is None


def _invisible(line: str, *, first_line: bool) -> bool:
    """Whether the line hides a character: by Unicode property (see pr_review/text/invisible.py), except
    the few uses that ordinary text needs."""
    for match in INVISIBLE.finditer(line):
        char, index = match.group(), match.start()
        before = line[index - 1] if index else " "
        if char == "\ufeff" and index == 0 and first_line:
            continue  # a byte-order mark at the start of a file
        if char in _JOINERS:
            after = line[index + 1] if index + 1 < len(line) else " "
            if (_visible_non_ascii(before) or before in _PRESENTATION) and _visible_non_ascii(after):
                continue
        if char in _PRESENTATION and _visible_non_ascii(before):
            continue  # one selector after a visible symbol; a run of them, or one after ASCII, hides data
        return True
    return False


def scan_line(line: str, *, first_line: bool = False) -> list[str]:
    """Kinds of injection signal in one line of attacker-controlled text (never raises)."""
    line = line[:MAX_LINE]
    kinds = [kind for kind, pattern in _PATTERNS if pattern.search(line)]
    if _invisible(line, first_line=first_line):
        kinds.append("invisible-unicode")
    return list(dict.fromkeys(kinds))


def _text_signals(text: str, where: str) -> Iterator[Signal]:
    for number, line in enumerate(text.split("\n"), start=1):
        for kind in scan_line(line):
            yield Signal(kind, where, "", number, _printable(line))


def metadata_fields(pr: PullRequestMeta) -> list[tuple[str, str]]:
    fields = [("PR title", pr.title), ("PR body", pr.body), ("branch name", pr.head_ref)]
    fields += [(f"commit message {i}", message) for i, message in enumerate(pr.commit_messages, start=1)]
    return fields


def scan_change(scope: Scope) -> tuple[Signal, ...]:
    """Signals in the added lines and paths of every changed file, and in the PR's metadata."""
    signals: list[Signal] = []
    for changed in scope.change.files:
        path = changed.path
        signals.extend(Signal(kind, f"path {path}", path, 1, _printable(path)) for kind in scan_line(path))
        for number, text in sorted(changed.added_text.items()):
            signals.extend(
                Signal(kind, f"{path}:{number}", path, number, _printable(text))
                for kind in scan_line(text, first_line=number == 1)
            )
    for where, text in metadata_fields(scope.change.pr):
        signals.extend(_text_signals(text, where))
    return tuple(signals)


def anomaly(signal: Signal) -> str:
    return f"prompt-injection signal ({signal.kind}) in {signal.where}"


def _finding(signal: Signal, pr: PullRequestMeta, count: int) -> Finding:
    location: Location
    if signal.path:
        location = CodeLocation(signal.path, signal.line, signal.line)
        fingerprint = code_fingerprint(CWE, signal.path, f"{signal.kind}\x1f{signal.excerpt}")
    else:
        location = WebLocation(pr.url or "pull-request", param=signal.where)
        digest = hashlib.sha256(signal.excerpt.encode()).hexdigest()[:16]
        fingerprint = web_fingerprint(CWE, location.url, signal.kind, f"{signal.where.split()[0]}:{digest}")
    more = f" ({count - 1} more place(s) with the same signal in this file)" if count > 1 else ""
    return Finding(
        fingerprint=fingerprint,
        sources=(Source.PR_REVIEW.value,),
        rule_ids=(f"pr-review.prompt-injection.{signal.kind}",),
        title=f"Possible prompt injection ({signal.kind.replace('-', ' ')}) in {signal.where}",
        severity=Severity.HIGH,
        confidence=0.6,
        cwe=(CWE,),
        location=location,
        in_diff=True,
        description=(
            "Text in this change looks written to steer an AI reviewer (CWE-1427, Improper Neutralization of "
            f"Input Used for LLM Prompting){more}. pr-review fences PR text as data and checks the model's "
            "output, but a human should read this change before trusting an automated 'no findings'."
        ),
        recommendation="Review the change by hand; remove the text if it has no legitimate purpose.",
        evidence=signal.excerpt,
    )


def injection_findings(signals: tuple[Signal, ...], pr: PullRequestMeta) -> tuple[Finding, ...]:
    """One finding per (kind, file or metadata field): the first place, with a count of the rest."""
    groups: dict[tuple[str, str], list[Signal]] = {}
    for signal in signals:
        groups.setdefault((signal.kind, signal.path or signal.where), []).append(signal)
    return tuple(_finding(group[0], pr, len(group)) for group in groups.values())
