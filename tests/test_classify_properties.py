"""Detectors run on attacker text: they never raise, and finish fast on anything."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scaling import SCALE, assert_scales_linearly

from pr_review.classify.detect import detect_text, guard_output, mask_in_text
from pr_review.classify.injection import scan_line
from pr_review.classify.personal import health_rules
from pr_review.classify.redact import Redactor, redact_line
from pr_review.config import ClassificationSettings

DEFAULT = ClassificationSettings()
HEALTH = health_rules(DEFAULT.health_patterns, DEFAULT.health_keywords)
ALPHABET = st.sampled_from([*list("aA0 @.-:+_/=\"'<>|[]\t#\u202e\u200b\ufeffKIMRNEghp"), "AKIA", "ignore ", "MRN"])
TEXT = st.one_of(st.text(max_size=400), st.lists(ALPHABET, max_size=300).map("".join))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_detectors_never_raise(text: str) -> None:
    for detection in detect_text(text, path="a.py", health=HEALTH):
        line = text.split("\n")[detection.line - 1]
        assert 0 <= detection.start <= detection.end <= len(line)
    scan_line(text)
    masked, _ = guard_output(text)
    assert isinstance(masked, str)


@FAST
@given(TEXT)
def test_redaction_never_changes_the_line_count(text: str) -> None:
    redactor = Redactor()
    lines = text.split("\n")
    found = detect_text(text, path="a.py", health=HEALTH)
    for number, line in enumerate(lines, start=1):
        redacted, _ = redact_line(line, [d for d in found if d.line == number], redactor)
        assert "\n" not in redacted or "\n" in line


@FAST
@given(st.text(max_size=50), st.text(min_size=4, max_size=20))
def test_masking_removes_the_value(prefix: str, value: str) -> None:
    assert value not in mask_in_text(prefix + value, [value]) or value in "*" * 40


def _warm_up() -> None:
    """The detectors' libraries load on first use (seconds): not part of what is timed."""
    detect_text("warm up: token = 'x' 4111 1111 1111 1111 GB82 WEST 1234 5698 7654 32 123-45-6789", health=HEALTH)


# (prefix, repeated unit, repetitions, suffix): lines once slow in some detector, at full size.
PATHOLOGICAL = [
    ("", "a", 200_000, "@"),
    ("", "1-", 50_000, ""),
    ("", "1 ", 50_000, ""),
    ("", "a." * 30 + "@", 2000, ""),
    ("", ":", 100_000, "1"),
    ("", "ignore ", 20_000, ""),
    ("", "<", 100_000, ""),
    ("", "\u200b", 100_000, ""),
    ("", "MRN", 30_000, ""),
    ("A1", " ABCD", 20_000, ""),
]


def _line(prefix: str, unit: str, suffix: str) -> Callable[[int, int], str]:
    return lambda n, k: f"{prefix}{unit * n}{suffix}{' ' * k}"  # k: a fresh line, not a cached answer


def _all_detectors(line: str) -> None:
    detect_text(line, path="a.py", health=HEALTH)
    scan_line(line)
    guard_output(line)


def test_pathological_lines_cost_linear_time() -> None:
    _warm_up()
    for prefix, unit, count, suffix in PATHOLOGICAL:
        make = _line(prefix, unit, suffix)
        assert_scales_linearly(_all_detectors, make, count // SCALE, label=make(3, 0))


def _credential_detectors(line: str) -> None:
    detect_text(line, path="a.py", health=HEALTH)
    detect_text(line, path=".env", health=HEALTH)


def test_lines_crafted_for_the_credential_rules_cost_linear_time() -> None:
    """CredSweeper's keyword rules cost per `name=` candidate: a line of them once took ~20 s."""
    _warm_up()
    for unit, count in (("KEY=", 2_500), ("KEY" + "a" * 18 + "=", 450), ("password='" + "b" * 10 + "' ", 430)):
        make = _line("", unit, "")
        assert_scales_linearly(_credential_detectors, make, count // SCALE, label=make(3, 0))
