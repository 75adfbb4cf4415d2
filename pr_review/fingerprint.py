"""Stable identity of an issue across runs.

sha256 over (rule key, path, normalised flagged content): never the line number, so an unrelated
edit above an issue keeps its fingerprint and a re-run does not delete-and-repost its comment.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from pr_review.models import Fingerprint

_WHITESPACE = re.compile(r"\s+")
_CWE_NUMBER = re.compile(r"^CWE-(\d+)$")


def rule_key(cwe: Iterable[str], rule_ids: Iterable[str]) -> str:
    """The lowest-numbered CWE (sources agree on CWEs, not on rule ids), else the first rule id."""
    numbers = sorted(int(m.group(1)) for c in cwe if (m := _CWE_NUMBER.match(c)))
    if numbers:
        return f"CWE-{numbers[0]}"
    return min(rule_ids, default="unknown")


def normalise(content: str) -> str:
    return _WHITESPACE.sub(" ", content).strip()


def code_fingerprint(key: str, path: str, content: str) -> Fingerprint:
    digest = hashlib.sha256("\x1f".join(("code", key, path, normalise(content))).encode())
    return Fingerprint(digest.hexdigest()[:32])


def web_fingerprint(key: str, url: str, method: str, param: str) -> Fingerprint:
    # Host differs between preview deployments; the path is what identifies the route.
    path = urlsplit(url).path or "/"
    digest = hashlib.sha256("\x1f".join(("web", key, path, method.upper(), param)).encode())
    return Fingerprint(digest.hexdigest()[:32])
