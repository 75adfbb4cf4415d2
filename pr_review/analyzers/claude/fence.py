"""Fences around untrusted text: a per-run nonce, and content that can never close a fence.

Everything a pull request's author wrote (title, body, branches, commit messages, paths, code)
reaches the model only inside a fence. Inside, every run of three or more `<` becomes U+2039
(single angle quotation marks), so no delimiter can appear except the two we write; invisible
and bidirectional characters are shown as ⟦U+XXXX⟧ and reported as flags.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass

from pr_review.text.invisible import reveal_invisible

_OPEN_RUN = re.compile(r"<{3,}")
_CLOSE_RUN = re.compile(r">{3,}")
_ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
# The ASCII characters reveal_invisible shows (the C0 controls but tab and newline, and DEL): ASCII
# text without them and without `<<<` is already safe, which a byte scan tells ~40 times faster than
# the Unicode-property regex (a review's whole files are neutralised before its first request).
_ASCII_REVEALED = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])


@dataclass(frozen=True, slots=True)
class Flag:
    """Something suspicious in untrusted text, found while fencing it."""

    where: str  # "app/x.py:12", "pr-body", "path"
    what: str  # "U+202E", "fence-like text"

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def neutralise_untrusted(text: str, where: str) -> tuple[str, tuple[Flag, ...]]:
    """Untrusted text that cannot close a fence and hides no characters, with what was changed."""
    if text.isascii() and "<<<" not in text:
        data = text.encode("ascii")
        if len(data.translate(None, _ASCII_REVEALED)) == len(data):
            return text, ()
    text, invisible = reveal_invisible(text)
    flags = [Flag(where, code) for code in dict.fromkeys(invisible)]
    if _OPEN_RUN.search(text):
        flags.append(Flag(where, "fence-like text"))
        text = _OPEN_RUN.sub(lambda m: "\u2039" * len(m.group()), text)
    return text, tuple(flags)


def attribute_value(text: str, where: str) -> tuple[str, tuple[Flag, ...]]:
    """A quoted, one-line attribute value (paths may hold newlines, quotes or fences)."""
    text, flags = neutralise_untrusted(text, where)
    text = _CLOSE_RUN.sub(lambda m: "\u203a" * len(m.group()), text)
    return json.dumps(text, ensure_ascii=False), flags


@dataclass(frozen=True, slots=True)
class Fence:
    nonce: str

    @classmethod
    def new(cls) -> Fence:
        return cls(secrets.token_hex(16))

    @property
    def opening_prefix(self) -> str:
        return f"<<<UNTRUSTED-DATA nonce={self.nonce}"

    @property
    def closing(self) -> str:
        return f"<<<END-UNTRUSTED-DATA nonce={self.nonce}>>>"

    def opening(self, kind: str, attributes: dict[str, str]) -> str:
        """`attributes` values must already be quoted with `attribute_value`."""
        if not _ATTRIBUTE_NAME.match(kind) or not all(_ATTRIBUTE_NAME.match(n) for n in attributes):
            raise ValueError(f"not a fence attribute name: {kind!r} {list(attributes)!r}")
        parts = [self.opening_prefix, f"kind={kind}"]
        for name, value in attributes.items():
            parts.append(f"{name}={value}")
        return " ".join(parts) + ">>>"

    def wrap(
        self, kind: str, body: str, *, where: str, attributes: dict[str, str] | None = None
    ) -> tuple[str, tuple[Flag, ...]]:
        """One fenced block: opening line, neutralised body, closing line."""
        safe, flags = neutralise_untrusted(body, where)
        return f"{self.opening(kind, attributes or {})}\n{safe}\n{self.closing}", flags

    def wrap_safe(self, kind: str, safe_body: str, attributes: dict[str, str]) -> str:
        """A block whose body was built from `neutralise_untrusted` output (code listings)."""
        return f"{self.opening(kind, attributes)}\n{safe_body}\n{self.closing}"
