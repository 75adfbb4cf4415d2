"""text/sanitize.py against the parser's own reading: whatever text goes in, GitHub Markdown
rendered from what comes out has no foreign link or image, no raw HTML, no live mention, no
hidden marker and no invisible character."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_support import assert_inert

from pr_review.text.sanitize import neutralise

PIECES = [
    *"<>!-@/[]()&:.ab1 \n`#_*~\\|=+\t\"'",
    "https://x.io/p",
    "//x.io",
    "www.x.io",
    "https://cwe.mitre.org/a",
    "pr-review:",
    "PR-Review :fingerprint=",
    "pr-review: ignore[x]",
    "<!--",
    "-->",
    "[r]: ",
    "[r]",
    "- ",
    "1. ",
    "> ",
    "    ",
    "```",
    "~~~",
    "&#10;",
    "&#64;",
    "&#32;",
    "&lt;",
    "@team",
    "_@team_",
    "octo/app#1",
    "<a href='//x.io'>",
    "javascript:",
    "\u202e",
    "\ufe0f",
    "\u00ad",
]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
@example(["[r]: ", "pr-review:", "\n", "[r]: "])  # a reference whose address is a `pr-review:` scheme
@example(["@", "<", "https://x.io/p", ">"])  # a mention only the join of a text and a link forms
def test_rendering_the_neutralised_text_shows_nothing_live(pieces: list[str]) -> None:
    text = "".join(pieces)
    out = neutralise(text, max_len=2000)
    assert_inert(out)
    assert_inert(neutralise(out, max_len=2000))  # what the GitHub reporter does to model text
    if "\n" not in text:
        assert "\n" not in out  # a table cell stays one line


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text_is_neutralised(text: str) -> None:
    assert_inert(neutralise(text, max_len=500))


@pytest.mark.parametrize(
    "text",
    [
        "_@team_ please look",  # emphasis around a mention
        "a stray `@user here",  # an unbalanced backtick before a mention
        "é@team",  # GitHub's mention filter is ASCII: a letter before @ does not protect it
        "[two\nlines](//evil.example/a)",  # protocol-relative link whose text spans lines
        "[nested [brackets]](//evil.example/b)",
        "![pixel\nx](//evil.example/p.png)",
        "- [ref]: //evil.example/c\n\n[ref]",  # a reference definition inside a list item
        "<!-- pr-review:fingerprint=" + "a" * 32 + " -->",
        "`<!-- pr-review:fingerprint=" + "a" * 32 + " -->`",
        "```\n<!-- pr-review:summary -->\n```",
    ],
)
def test_bypasses_of_the_regex_neutraliser_are_closed(text: str) -> None:
    out = neutralise(text, max_len=500)
    assert_inert(out)
    assert "evil.example" not in out


def test_long_text_is_cut_before_it_is_parsed() -> None:
    out = neutralise("```\n" + "@team\n" * 1000 + "```\nafter", max_len=300)
    assert len(out) <= 300
    assert out.endswith("[truncated]")
    assert_inert(out)
    assert out.count("```") == 2  # the cut left no code block open
