"""Characters that change what text shows or means without being seen.

Chosen by Unicode property, not by a list, so new invisible characters are covered as the Unicode
database grows: every Default_Ignorable_Code_Point (zero-width characters, joiners, variation
selectors, Hangul fillers, the soft hyphen, tag characters…), every Bidi_Control (Trojan Source,
CVE-2021-42574), the line and paragraph separators, and the C0/C1 controls other than tab and
newline. The `regex` package knows the properties; the pattern is a single character class, so
it is linear on any input.
"""

from __future__ import annotations

import regex

INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Zl}\p{Zp}\x00-\x08\x0b-\x1f\x7f-\x9f]")


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def reveal_invisible(text: str) -> tuple[str, tuple[str, ...]]:
    """Invisible/bidi/control characters made visible as ⟦U+XXXX⟧; also the code points found."""
    found: list[str] = []

    def visible(match: regex.Match[str]) -> str:
        code = code_point(match.group())
        found.append(code)
        return f"⟦{code}⟧"

    return INVISIBLE.sub(visible, text), tuple(found)
