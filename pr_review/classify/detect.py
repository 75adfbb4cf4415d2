"""Detectors for everything bound for a model or a comment: secrets (detect-secrets and CredSweeper,
in process), personal data, payment cards and health data (classify/personal.py).

detect-secrets keeps its settings in a process-wide singleton. It is configured once, under a
lock, and the plugin instances and filter functions are kept; scanning then touches no global
state, so analyzers and reporters can call these functions from several threads.

CredSweeper runs next to it, once per file (classify/sweep.py). Both are imported on first use: a
review pays their start-up, `pr-review --version` does not. During a review they run in a child
process of their own (classify/isolation.py), which exits before Semgrep starts.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pr_review.classify import personal
from pr_review.classify.isolation import run_detector
from pr_review.classify.personal import MAX_LINE, HealthRules, Hit
from pr_review.classify.sweep import GENERIC_KINDS, SECRET_KINDS, credsweeper_hits

SECRET = "secret"  # noqa: S105 (a class name, not a password)
PERSONAL = personal.PERSONAL
PCI = personal.PCI
HEALTH = personal.HEALTH

# AWS documents these as examples; still secret-shaped (redacted), reported with low confidence.
KNOWN_EXAMPLE_SECRETS = frozenset(
    ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE")
)
_PLUGINS_SKIPPED = {"IPPublicDetector"}  # public IPs are personal data here, handled by personal.py
# The PR's author writes the lines: a `pragma: allowlist secret` comment must not hide a secret.
_FILTERS_SKIPPED = {"detect_secrets.filters.allowlist.is_line_allowlisted"}
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=")
_HASH_WORDS = re.compile(r"(?i)sha|hash|digest|commit|checksum|integrity|revision|\brev\b|etag")
_AWS_WORD = re.compile(r"(?i)aws|amazon")
_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----")
_PEM_MAX_LINES = 200
_MIN_SECRET_LINE = 6


@dataclass(frozen=True, slots=True)
class Detection:
    """One sensitive value at a place. `value` is the raw text: never log or output it."""

    data_class: str  # secret | personal-data | pci | health
    kind: str  # aws-access-key, email, payment-card, …
    line: int  # 1-based within the scanned text
    start: int  # column span within the line
    end: int
    value: str = field(repr=False)
    confidence: float = 0.8


@dataclass(frozen=True)
class _Engine:
    plugins: tuple[Any, ...]
    secret_filters: tuple[Any, ...]
    line_filters: tuple[Any, ...]


_ENGINE_LOCK = threading.Lock()


@functools.cache
def _engine() -> _Engine:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.core.scan import get_filters_with_parameter
    from detect_secrets.settings import get_plugins, transient_settings

    with _ENGINE_LOCK:
        classes: list[Any] = list(get_mapping_from_secret_type_to_class().values())
        names = [cls.__name__ for cls in classes]
        plugins_used = [{"name": n} for n in sorted(names) if n not in _PLUGINS_SKIPPED]
        with transient_settings({"plugins_used": plugins_used}):
            plugins = tuple(get_plugins())
            secret_filters = tuple(f for f in get_filters_with_parameter("secret") if f.path not in _FILTERS_SKIPPED)
            line_filters = tuple(get_filters_with_parameter("line"))
        line_only = tuple(
            f for f in line_filters if f.path not in _FILTERS_SKIPPED and "secret" not in f.injectable_variables
        )
        return _Engine(plugins, secret_filters, line_only)


def _filtered(filters: Iterable[Any], **kwargs: Any) -> bool:
    from detect_secrets.util.inject import call_function_with_arguments

    for fn in filters:
        try:
            if call_function_with_arguments(fn, **kwargs):
                return True
        except TypeError:
            continue
    return False


def _token_span(line: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match to the whole token: some plugins report only a prefix (`ghp` of a token)."""
    while start > 0 and line[start - 1] in _TOKEN_CHARS:
        start -= 1
    while end < len(line) and line[end] in _TOKEN_CHARS:
        end += 1
    return start, end


def _mostly_sequential(value: str) -> bool:
    """An alphabet written out, perhaps with a typo or a suffix: most neighbours are consecutive
    code points (about 1 in 60 for a random key)."""
    steps = sum(1 for a, b in itertools.pairwise(value) if ord(b) - ord(a) == 1)
    return len(value) > 1 and steps >= 0.7 * (len(value) - 1)


def _secret_kind(secret_type: str, value: str, line: str) -> str:
    kind = SECRET_KINDS.get(secret_type) or re.sub(r"[^a-z0-9]+", "-", secret_type.lower()).strip("-")
    if len(value) == 40 and kind == "aws-access-key":
        return "aws-secret-key"  # AWSKeyDetector's second pattern: `aws…secret… = "<40 chars>"`
    if len(value) == 40 and kind in ("high-entropy-string", "secret-assignment") and _AWS_WORD.search(line):
        return "aws-secret-key"
    return kind


@functools.lru_cache(maxsize=1 << 16)
def _secret_hits(line: str, filename: str) -> tuple[tuple[str, str, int, int], ...]:
    """(kind, value, start, end) of secrets on one line. Cached: the SecretsAnalyzer and the
    model view scan the same added lines."""
    if len(line.strip()) < _MIN_SECRET_LINE:
        return ()
    from detect_secrets.util.code_snippet import get_code_snippet

    engine = _engine()
    context = get_code_snippet(lines=[line], line_number=1)
    if _filtered(engine.line_filters, filename=filename, line=line, context=context):
        return ()
    found: dict[tuple[int, int], tuple[str, str, int, int]] = {}
    for plugin in engine.plugins:
        for secret in plugin.analyze_line(filename=filename, line=line, line_number=1, context=context) or ():
            value = secret.secret_value or ""
            if not value or _filtered(engine.secret_filters, secret=value, plugin=plugin, line=line, filename=filename):
                continue
            if secret.type == "Hex High Entropy String" and _HASH_WORDS.search(line):
                continue  # git SHAs, checksums, integrity hashes
            if "High Entropy" in secret.type and _mostly_sequential(value):
                continue  # character-class tables ('abcdefgh…', 'ABC…XYZ0123456789_')
            index = line.find(value)
            if index < 0:
                continue
            start, end = _token_span(line, index, index + len(value))
            kind = _secret_kind(secret.type, line[start:end], line)
            known = found.get((start, end))
            if known is None or known[0] in GENERIC_KINDS:
                found[(start, end)] = (kind, line[start:end], start, end)
    return tuple(found.values())


def _file_type_name(path: str) -> str:
    """detect-secrets picks keyword regexes by file extension; the directory does not matter."""
    name = path.rsplit("/", 1)[-1]
    return name if "." in name else "file.txt"


def detect_lines(
    lines: Sequence[str],
    *,
    path: str = "",
    region: str = "US",
    health: HealthRules | None = None,
    only: frozenset[int] | None = None,
) -> list[Detection]:
    """Every sensitive value in `lines` (line numbers 1-based); `only` limits which lines count.
    In the detectors' process while one is open (classify/isolation.py)."""
    return run_detector(_detect_lines, lines, path=path, region=region, health=health, only=only)


def _detect_lines(
    lines: Sequence[str], *, path: str, region: str, health: HealthRules | None, only: frozenset[int] | None
) -> list[Detection]:
    filename = _file_type_name(path) if path else "text.txt"
    pem_body = _pem_body_lines(lines)
    detections: list[Detection] = []
    scanned = {
        number: raw[:MAX_LINE]
        for number, raw in enumerate(lines, start=1)
        if (only is None or number in only) and number not in pem_body
    }
    swept = credsweeper_hits(
        {n: line for n, line in scanned.items() if len(line.strip()) >= _MIN_SECRET_LINE}, filename, _secret_hits
    )
    for number, raw in enumerate(lines, start=1):
        if only is not None and number not in only:
            continue
        if number in pem_body:
            detections.append(Detection(SECRET, "private-key", number, 0, len(raw), raw, 0.95))
            continue
        line = scanned[number]
        for kind, value, start, end in _merged(_secret_hits(line, filename), swept.get(number, ())):
            confidence = 0.3 if value in KNOWN_EXAMPLE_SECRETS else 0.9
            detections.append(Detection(SECRET, kind, number, start, end, value, confidence))
        if (one_line := _one_line_pem(line)) is not None:
            detections.append(Detection(SECRET, "private-key", number, *one_line, line[slice(*one_line)], 0.95))
        detections.extend(_from_hit(hit, number) for hit in personal.scan_line(line, region=region, health=health))
    return detections


def _merged(*groups: Iterable[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """One hit per span; a named format (anthropic-api-key) beats a generic one (high-entropy-string)."""
    found: dict[tuple[int, int], tuple[str, str, int, int]] = {}
    for hit in (hit for group in groups for hit in group):
        known = found.get((hit[2], hit[3]))
        if known is None or (known[0] in GENERIC_KINDS and hit[0] not in GENERIC_KINDS):
            found[(hit[2], hit[3])] = hit
    return list(found.values())


def _pem_body_lines(lines: Sequence[str]) -> frozenset[int]:
    """1-based numbers of a private key's lines after its BEGIN marker: up to END, or, for a key
    pasted without its END line, every following line made of base64 characters."""
    body: set[int] = set()
    index = 0
    while index < len(lines):
        if "PRIVATE KEY" in lines[index] and _PEM_BEGIN.search(lines[index][:MAX_LINE]):
            last = min(len(lines), index + 1 + _PEM_MAX_LINES)
            stop = next(
                (
                    n
                    for n in range(index + 1, last)
                    if "PRIVATE KEY" in lines[n] and _PEM_END.search(lines[n][:MAX_LINE])
                ),
                None,
            )
            if stop is None:
                stop = index + 1
                while stop < last and _looks_base64(lines[stop]):
                    stop += 1
            body.update(range(index + 2, stop + 1))  # 1-based numbers of the lines index+1 … stop-1
            index = max(index, stop - 1)
        index += 1
    return frozenset(body)


def _looks_base64(line: str) -> bool:
    text = line.strip().strip("\\n\"',")
    return len(text) >= 16 and set(text) <= _TOKEN_CHARS


def _one_line_pem(line: str) -> tuple[int, int] | None:
    """A key pasted with `\\n` escapes: BEGIN to END on one line."""
    if "PRIVATE KEY" not in line or (begin := _PEM_BEGIN.search(line)) is None:
        return None
    end = _PEM_END.search(line, begin.end())
    return None if end is None else (begin.start(), end.end())


def _from_hit(hit: Hit, number: int) -> Detection:
    return Detection(hit.data_class, hit.kind, number, hit.start, hit.end, hit.value, hit.confidence)


def detect_text(text: str, **kwargs: Any) -> list[Detection]:
    return detect_lines(text.split("\n"), **kwargs)


def mask_value(value: str) -> str:
    """`AKIA****************`: at most the first 4 characters, and never more than a quarter."""
    keep = min(4, len(value) // 4)
    return value[:keep] + "*" * max(len(value) - keep, 4)


def guard_output(text: str, *, known_values: Iterable[str] = ()) -> tuple[str, tuple[str, ...]]:
    """Check text bound for GitHub (model output, comment bodies) before it is posted.

    Returns the text with every secret and personal-data value masked (plus any `known_values`,
    e.g. the secrets found in the change), and one anomaly per kind found, to record in the audit
    trail: ("output contained aws-access-key (masked)", …). Never raises on odd input.
    """
    # Long lines are scanned in MAX_LINE pieces rather than cut: nothing past the cut may slip out.
    pieces = [line[i : i + MAX_LINE] for line in text.split("\n") for i in range(0, max(len(line), 1), MAX_LINE)]
    detections = [d for d in detect_lines(pieces) if d.data_class != HEALTH]
    values = {d.value for d in detections} | {v for v in known_values if len(v) >= 6}
    masked = mask_in_text(text, values)
    kinds = sorted({d.kind for d in detections} | ({"known-secret"} if masked != text and not detections else set()))
    return masked, tuple(f"output contained {kind} (masked)" for kind in kinds)


def mask_in_text(text: str, values: Iterable[str]) -> str:
    """Every occurrence of each value replaced by its masked form, longest values first."""
    ordered = sorted({v for v in values if v}, key=len, reverse=True)
    if not ordered or not text:
        return text
    pattern = re.compile("|".join(re.escape(v) for v in ordered))
    return pattern.sub(lambda m: mask_value(m.group(0)), text)
