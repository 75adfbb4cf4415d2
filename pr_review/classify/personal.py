"""Personal, payment-card and health data detectors: one line in, spans out.

Card numbers, US SSNs, IBANs and medical record numbers come from presidio-analyzer's recognizers
(credit card with the Luhn check, SSN with its invalid-number rules, IBAN with country formats and
checksum, and a medical-record recognizer built with its `PatternRecognizer` API), run as pattern
recognizers only: no NLP engine, so no spaCy model is loaded or downloaded. Phone numbers are
phonenumbers' matcher. E-mail addresses keep a bounded pattern here: presidio's has an unbounded
repetition before the "@" that backtracks quadratically on a long line without one.

Every pattern is linear-time: no nested unbounded quantifiers, and lines are cut at MAX_LINE
characters before any pattern runs (PR text is attacker input). Each detector first checks a
cheap prefilter (an "@", enough digits) so ordinary code lines cost a few string scans.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from stdnum import luhn

MAX_LINE = 10_000

PERSONAL = "personal-data"
PCI = "pci"
HEALTH = "health"


@dataclass(frozen=True, slots=True)
class Hit:
    data_class: str
    kind: str
    start: int
    end: int
    value: str = field(repr=False)
    confidence: float = 0.8


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24})\b")
# RFC 2606 / RFC 6761 reserved names are never anyone's address.
_RESERVED_DOMAINS = ("example.com", "example.org", "example.net", "localhost")
_RESERVED_TLDS = ("test", "example", "invalid", "localhost", "local")
# "logo@2x.png", "pkg@1.2.js": an "@" before a file name is not an address.
_FILE_TLDS = frozenset(
    [
        "png",
        "jpg",
        "jpeg",
        "gif",
        "svg",
        "webp",
        "ico",
        "js",
        "mjs",
        "ts",
        "tsx",
        "jsx",
        "css",
        "scss",
        "map",
        "json",
        "py",
        "rb",
        "go",
        "rs",
        "md",
        "txt",
    ]
)
# Four-digit groups joined by one separator used throughout (space, -, ., _, /) or none; Amex 4-6-5.
# presidio's own card pattern knows only spaces and dashes.
_CARD_SEPARATORS = " -._/"
_CARD_ANY_SEPARATOR = (
    r"(?<![\d.\-_/])(?:\d{4}([ ._/-]?)\d{4}\1\d{4}\1\d{1,7}|3[47]\d{2}([ ._/-]?)\d{6}\2\d{5})(?![\d\-_/])"
)
# "MRN: 00123456", "MRN#4829173", "medical record number 77349211", "'mrn': '00123456'"
_MRN = r"\b(?:MRN|medical[ _-]record(?:[ _-](?:number|num|no\.?))?)[\"']?[ \t]{0,3}[:#=]?[ \t]{0,3}[\"']?\d{6,10}\b"
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_ICD10 = re.compile(r"\b[A-TV-Z]\d[0-9AB]\.[0-9A-TV-Z]{1,4}\b")
_DIGITS = re.compile(r"\d")
# Cheap gate before phonenumbers' matcher (the slow part): 7+ digits joined only by separators.
_PHONE_CANDIDATE = re.compile(r"[+(]?\d[\d\-. ()/]{5,24}\d")
# Public test numbers from card networks and processors' docs: not cardholder data.
_TEST_CARDS = frozenset(
    [
        "4111111111111111",
        "4242424242424242",
        "4012888888881881",
        "4000056655665556",
        "5555555555554444",
        "5105105105105100",
        "2223003122003222",
        "378282246310005",
        "371449635398431",
        "6011111111111117",
        "6011000990139424",
        "3056930009020004",
        "36227206271667",
        "3566002020360505",
        "6200000000000005",
        "4000000000000002",
    ]
)


def _email_hits(line: str) -> Iterator[Hit]:
    for match in _EMAIL.finditer(line):
        domain = match.group(1).lower()
        tld = domain.rsplit(".", 1)[-1]
        if domain in _RESERVED_DOMAINS or domain.endswith(tuple("." + d for d in _RESERVED_DOMAINS)):
            continue
        if tld in _RESERVED_TLDS or tld in _FILE_TLDS:
            continue
        yield Hit(PERSONAL, "email", match.start(), match.end(), match.group(0), 0.9)


def _phone_candidate(line: str) -> bool:
    for match in _PHONE_CANDIDATE.finditer(line):
        text = match.group(0)
        if sum(c.isdigit() for c in text) >= 7 and (text[0] == "+" or any(c in text for c in " -.()")):
            return True
    return False


def _phone_hits(line: str, region: str) -> Iterator[Hit]:
    if not _phone_candidate(line):
        return
    for match in phonenumbers.PhoneNumberMatcher(line, region, leniency=phonenumbers.Leniency.VALID, max_tries=20):
        raw: str = match.raw_string
        # A bare run of digits in code is far more often a constant than a phone number.
        if not raw.startswith("+") and not any(c in raw for c in " -.()"):
            continue
        yield Hit(PERSONAL, "phone", match.start, match.end, raw, 0.7)


@functools.cache
def _card_recognizer() -> Any:
    from presidio_analyzer import Pattern
    from presidio_analyzer.predefined_recognizers import CreditCardRecognizer

    patterns = [*CreditCardRecognizer.PATTERNS, Pattern("card, any separator", _CARD_ANY_SEPARATOR, 0.3)]
    return CreditCardRecognizer(patterns=patterns, replacement_pairs=[(c, "") for c in _CARD_SEPARATORS])


@functools.cache
def _ssn_recognizer() -> Any:
    from presidio_analyzer.predefined_recognizers import UsSsnRecognizer

    return UsSsnRecognizer()


@functools.cache
def _iban_recognizer() -> Any:
    from presidio_analyzer.predefined_recognizers import IbanRecognizer

    return IbanRecognizer()


@functools.cache
def _mrn_recognizer() -> Any:
    from presidio_analyzer import Pattern, PatternRecognizer

    return PatternRecognizer(
        supported_entity="MEDICAL_RECORD_NUMBER",
        name="MedicalRecordNumberRecognizer",
        patterns=[Pattern("medical record number", _MRN, 0.8)],
        context=["patient", "medical", "record", "mrn"],
    )


def _recognised(recognizer: Any, entity: str, line: str) -> Iterator[tuple[int, int]]:
    """Distinct (start, end) spans presidio's recognizer finds; no NLP artifacts are needed."""
    yield from dict.fromkeys((r.start, r.end) for r in recognizer.analyze(line, [entity], None))


def _card_hits(line: str) -> Iterator[Hit]:
    for start, end in _recognised(_card_recognizer(), "CREDIT_CARD", line):
        digits = "".join(c for c in line[start:end] if c.isdigit())
        if not 13 <= len(digits) <= 19 or digits[0] not in "23456" or digits in _TEST_CARDS:
            continue
        if len(set(digits)) > 2 and luhn.is_valid(digits):
            yield Hit(PCI, "payment-card", start, end, line[start:end], 0.9)


def _ssn_hits(line: str) -> Iterator[Hit]:
    for start, end in _recognised(_ssn_recognizer(), "US_SSN", line):
        text = line[start:end]
        # Only the dashed 3-2-4 form: bare nine-digit runs are far more often constants in code.
        if len(text) == 11 and text[3] == text[6] == "-":
            yield Hit(PERSONAL, "us-ssn", start, end, text, 0.8)


def _iban_hits(line: str) -> Iterator[Hit]:
    for start, end in _recognised(_iban_recognizer(), "IBAN_CODE", line):
        yield Hit(PERSONAL, "iban", start, end, line[start:end], 0.9)


def _mrn_hits(line: str) -> Iterator[Hit]:
    lowered = line.lower()
    if "mrn" not in lowered and "medical" not in lowered:
        return
    for start, end in _recognised(_mrn_recognizer(), "MEDICAL_RECORD_NUMBER", line):
        digits = end
        while digits > start and line[digits - 1].isdigit():
            digits -= 1
        yield Hit(HEALTH, "medical-record", digits, end, line[digits:end], 0.85)


def _ip_hits(line: str) -> Iterator[Hit]:
    for pattern in (_IPV4, _IPV6) if ":" in line else (_IPV4,):
        for match in pattern.finditer(line):
            try:
                address = ipaddress.ip_address(match.group(0))
            except ValueError:
                continue
            # Private, loopback, link-local, documentation (192.0.2.0/24, 2001:db8::/32…) ranges
            # identify no one: only globally routable addresses count.
            if address.is_global and not address.is_multicast:
                yield Hit(PERSONAL, "ip-address", match.start(), match.end(), match.group(0), 0.5)


@dataclass(frozen=True)
class HealthRules:
    patterns: tuple[re.Pattern[str], ...]
    keywords: tuple[str, ...]


@functools.lru_cache(maxsize=32)
def health_rules(patterns: Sequence[str], keywords: Sequence[str]) -> HealthRules:
    """Compiled once per configuration; a bad pattern raises re.error (config validation reports it)."""
    return HealthRules(tuple(re.compile(p, re.IGNORECASE) for p in patterns), tuple(k.lower() for k in keywords))


def _health_hits(line: str, rules: HealthRules, digit_count: int) -> Iterator[Hit]:
    if digit_count >= 6:
        yield from _mrn_hits(line)
    for pattern in rules.patterns:
        for match in pattern.finditer(line):
            if match.end() > match.start():
                yield Hit(HEALTH, "medical-record", match.start(), match.end(), match.group(0), 0.8)
    lowered = line.lower()
    if any(keyword in lowered for keyword in rules.keywords):
        for match in _ICD10.finditer(line):
            yield Hit(HEALTH, "icd10-code", match.start(), match.end(), match.group(0), 0.7)


def scan_line(line: str, *, region: str = "US", health: HealthRules | None = None) -> list[Hit]:
    """Personal, card and health data in one line (cut at MAX_LINE characters)."""
    return list(_scan_line(line[:MAX_LINE], region, health))


@functools.lru_cache(maxsize=1 << 16)
def _scan_line(line: str, region: str, health: HealthRules | None) -> tuple[Hit, ...]:
    hits: list[Hit] = []
    if "@" in line:
        hits.extend(_email_hits(line))
    digit_count = len(_DIGITS.findall(line)) if any(c.isdigit() for c in line) else 0
    if digit_count >= 7:
        hits.extend(_phone_hits(line, region))
        if "-" in line:
            hits.extend(_ssn_hits(line))
        hits.extend(_iban_hits(line))
        if digit_count >= 13:
            hits.extend(_card_hits(line))
    if digit_count >= 4 and ("." in line or ":" in line):
        hits.extend(_ip_hits(line))
    if health is not None and (health.patterns or digit_count):
        hits.extend(_health_hits(line, health, digit_count))
    return tuple(hits)
