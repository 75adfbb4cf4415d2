"""CredSweeper (Samsung's maintained rule set: provider key formats, bearer tokens, keyword
assignments such as `.env` lines, credentials in URLs, checked by its bundled ML model), run next to
detect-secrets (classify/detect.py) once per file rather than per line. Its scanner keeps state, so
calls are serialised; it is imported on first use."""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

SecretHit = tuple[str, str, int, int]  # (kind, value, start, end) of a secret on one line
LineHits = Callable[[str, str], tuple[SecretHit, ...]]  # (line, filename) -> hits

# Detector names (detect-secrets' types, CredSweeper's rules) → the kinds we report.
SECRET_KINDS = {
    "AWS Access Key": "aws-access-key",
    "Secret Keyword": "secret-assignment",
    "Base64 High Entropy String": "high-entropy-string",
    "Hex High Entropy String": "high-entropy-hex",
    "Private Key": "private-key",
    "Basic Auth Credentials": "basic-auth-password",
    "JSON Web Token": "jwt",
    # CredSweeper rule names whose kind we already had a name for
    "AWS Client ID": "aws-access-key",
    "AWS Multi": "aws-secret-key",
    "Github Classic Token": "github-token",
    "Github Fine-granted Token": "github-token",
    "Github App Installation Token": "github-token",
    "Slack Webhook": "slack-token",
    "Stripe Credentials": "stripe-access-key",
    "URL Credentials": "basic-auth-password",
    "Bearer Authorization": "bearer-token",
    "OpenAI Token": "openai-api-key",
}
GENERIC_KINDS = frozenset({"high-entropy-string", "high-entropy-hex", "secret-assignment"})
# CredSweeper's keyword rules: a secret-named variable assigned a value the ML model accepts.
_KEYWORD_RULES = frozenset({"API", "Auth", "Credential", "Key", "Nonce", "Password", "Salt", "Secret", "Token"})
_GIT_PYTHON_SETTINGS = {"GIT_PYTHON_GIT_EXECUTABLE": "/nonexistent/git", "GIT_PYTHON_REFRESH": "quiet"}
_SWEEPER_LOCK = threading.Lock()
_SWEEPER_CACHE: dict[tuple[str, str], tuple[SecretHit, ...]] = {}
_SWEEPER_CACHE_MAX = 1 << 16
_SWEEP_WINDOW = 512
_SWEEP_OVERLAP = 192  # longer than any key format with its `name = "` prefix
_CROWDED = 24  # `=` and `:` in one window


@dataclass(frozen=True)
class _Sweeper:
    scanner: Any
    formats_only: Any  # the same rules less the keyword ones, for crowded text
    validator: Any


@contextmanager
def _inert_git_python() -> Iterator[None]:
    """CredSweeper imports GitPython (for scanning repositories, which is not used here), whose
    import runs `git version` with this process's whole environment, tokens included. Pointed at no
    executable and told to stay quiet, it runs nothing."""
    if "git" in sys.modules:
        yield
        return
    saved = {name: os.environ.get(name) for name in _GIT_PYTHON_SETTINGS}
    os.environ.update(_GIT_PYTHON_SETTINGS)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@functools.cache
def _sweeper() -> _Sweeper:
    """CredSweeper's scanner and ML validator with its bundled settings. Its `CredSweeper` front
    class is not used: it starts a multiprocessing manager (a server process) per instance."""
    with warnings.catch_warnings(), _inert_git_python():
        warnings.simplefilter("ignore", DeprecationWarning)  # its deprecated top-level exports, unused
        from credsweeper.app import APP_PATH
        from credsweeper.common.constants import Confidence, RuleType, Severity, ThresholdPreset
        from credsweeper.config.config import Config as SweeperConfig
        from credsweeper.ml_model.ml_validator import MlValidator
        from credsweeper.scanner.scanner import Scanner
        from credsweeper.utils.util import Util

    settings = Util.json_load(APP_PATH / "secret" / "config.json")
    settings |= {"use_filters": True, "find_by_ext": False, "size_limit": None, "pedantic": False}
    settings |= {"depth": 0, "doc": False, "severity": Severity.INFO.value, "confidence": Confidence.WEAK.value}
    config = SweeperConfig(settings)
    formats_only = Scanner(config, None)
    formats_only.rules_scanners = [(r, s) for r, s in formats_only.rules_scanners if r.rule_type != RuleType.KEYWORD]
    return _Sweeper(Scanner(config, None), formats_only, MlValidator(threshold=ThresholdPreset.medium))


def _ml_checked(sweeper: _Sweeper, candidates: list[Any]) -> list[Any]:
    """CredSweeper's post-processing: candidates of one value on one line form a group; a group
    with a keyword or generic rule is kept only when the ML model accepts it."""
    groups: dict[tuple[int, int, int], list[Any]] = {}
    for candidate in candidates:
        data = candidate.line_data_list[0]
        groups.setdefault((data.line_num, data.value_start, data.value_end), []).append(candidate)
    checked = [group for group in groups.values() if any(c.use_ml for c in group)]
    kept = [c for group in groups.values() if not any(c.use_ml for c in group) for c in group]
    if checked:
        from credsweeper.credentials.candidate_key import CandidateKey

        keyed = [(CandidateKey(group[0].line_data_list[0]), group) for group in checked]
        accepted, _ = sweeper.validator.validate_groups(keyed, len(keyed), None)
        kept += [c for group, ok in zip(checked, accepted, strict=True) for c in group if ok or not c.use_ml]
    return kept


def _caught(candidate: Any, lines: dict[int, str], filename: str, already_found: LineHits) -> bool:
    data = candidate.line_data_list[0]
    line = lines.get(data.line_num, "")
    start = line.find(data.value or "\0")
    end = start + len(data.value or "")
    return start >= 0 and any(s <= start and end <= e for _, _, s, e in already_found(line, filename))


def _sweeper_kind(rule: str) -> str:
    if rule in _KEYWORD_RULES:
        return "secret-assignment"
    return SECRET_KINDS.get(rule) or re.sub(r"[^a-z0-9]+", "-", rule.lower()).strip("-")


def credsweeper_hits(lines: dict[int, str], filename: str, already_found: LineHits) -> dict[int, tuple[SecretHit, ...]]:
    """(kind, value, start, end) per line number, for the lines given. One scan per call (and per
    uncached line): CredSweeper's ML check batches the candidates of a whole file. `already_found`: what
    detect-secrets found on a line, for which the ML check is skipped."""
    with _SWEEPER_LOCK:
        todo = {n: line for n, line in lines.items() if (line, filename) not in _SWEEPER_CACHE}
        if todo:
            _sweep(todo, filename, already_found)
        return {n: _SWEEPER_CACHE.get((line, filename), ()) for n, line in lines.items()}


def _windows(line: str) -> Iterator[tuple[int, str]]:
    """(offset, text): CredSweeper's work grows with the square of a line's length on crafted
    input ("KEY=KEY=…"), so it reads long lines in overlapping windows, wide enough for a key and
    its assignment."""
    if len(line) <= _SWEEP_WINDOW:
        yield 0, line
        return
    for offset in range(0, len(line) - _SWEEP_OVERLAP, _SWEEP_WINDOW - _SWEEP_OVERLAP):
        yield offset, line[offset : offset + _SWEEP_WINDOW]


def _provider(texts: dict[int, str], filename: str, extension: str) -> Any:
    from credsweeper.file_handler.string_content_provider import StringContentProvider

    with warnings.catch_warnings():  # the provider will leave the package's top-level exports; its module stays
        warnings.simplefilter("ignore", DeprecationWarning)
        return StringContentProvider(
            list(texts.values()), line_numbers=list(texts), file_path=filename, file_type=extension
        )


def _sweep(lines: dict[int, str], filename: str, already_found: LineHits) -> None:
    sweeper = _sweeper()
    extension = "." + filename.rsplit(".", 1)[-1] if "." in filename else ""
    pieces = [(number, offset, text) for number, line in lines.items() for offset, text in _windows(line)]
    texts = {index: text for index, (_, _, text) in enumerate(pieces, start=1)}
    # Keyword rules cost a fraction of a millisecond per `name=`/`name:` candidate: text crowded
    # with separators (minified code, or "KEY=KEY=…" crafted to stall the review) gets the key
    # format rules only; detect-secrets' keyword detector still reads it.
    crowded = {i for i, text in texts.items() if text.count("=") + text.count(":") > _CROWDED}
    scanned: list[Any] = []
    for scanner, chosen in ((sweeper.scanner, set(texts) - crowded), (sweeper.formats_only, crowded)):
        if chosen:
            scanned += scanner.scan(_provider({i: texts[i] for i in sorted(chosen)}, filename, extension))
    found: dict[int, dict[tuple[int, int], tuple[str, str, int, int]]] = {n: {} for n in lines}
    # The ML check costs milliseconds per candidate: skip it for values detect-secrets already caught.
    fresh = [c for c in scanned if not (c.use_ml and _caught(c, texts, filename, already_found))]
    for candidate in _ml_checked(sweeper, fresh):
        data = candidate.line_data_list[0]
        value = data.value or ""
        index = texts.get(data.line_num, "").find(value) if value else -1
        if index < 0:
            continue
        number, offset, _ = pieces[data.line_num - 1]
        span = (offset + index, offset + index + len(value))
        known = found[number].get(span)
        if known is None or known[0] in GENERIC_KINDS:
            found[number][span] = (_sweeper_kind(candidate.rule_name), value, *span)
    if len(_SWEEPER_CACHE) + len(lines) > _SWEEPER_CACHE_MAX:
        _SWEEPER_CACHE.clear()
    for number, line in lines.items():
        _SWEEPER_CACHE[(line, filename)] = tuple(found[number].values())
