"""What GitHub would make live in a Markdown body, read with markdown-it: shared by the tests of
text/sanitize.py and of what publish posts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pr_review.text.invisible import INVISIBLE
from pr_review.text.sanitize import DEFAULT_LINK_HOSTS

RENDERER = MarkdownIt("commonmark", {"html": True})
# What GitHub would turn into a notification, a link (GFM autolinks) or another repository's issue.
LIVE_MENTION = re.compile(r"(?<![A-Za-z0-9])@[A-Za-z0-9]")
AUTOLINK = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]\"'`]+|www\.[A-Za-z0-9_-]", re.IGNORECASE)
CROSS_REFERENCE = re.compile(r"/[\w.-]+#\d")
MARKER = re.compile(r"<!--|pr-review[ \t]*:(?![ \t]*ignore\[)", re.IGNORECASE)


def inline_tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from inline_tokens(token.children)


def assert_inert(out: str) -> None:
    assert not MARKER.search(out), out
    assert not INVISIBLE.search(out.replace("\n", "").replace("\t", "")), out
    in_link = 0
    for token in inline_tokens(RENDERER.parse(out)):
        assert token.type not in ("html_inline", "html_block", "image"), out
        if token.type == "link_open":
            in_link += 1
            href = str(token.attrs["href"])
            parts = urlsplit(href)
            assert parts.scheme == "https", out
            assert parts.hostname in DEFAULT_LINK_HOSTS, out
            assert "@" not in parts.netloc, out
        elif token.type == "link_close":
            in_link -= 1
        elif token.type == "text":
            assert not LIVE_MENTION.search(token.content), out
            assert not CROSS_REFERENCE.search(token.content), out
            for url in AUTOLINK.findall(token.content):
                assert in_link or urlsplit(url).hostname in DEFAULT_LINK_HOSTS, out
