"""Neutralise model- or PR-written text before it is posted where people and tools read it.

The text may have been steered by a prompt injection, so it is treated as hostile: it must not
notify anyone (@-mentions, team mentions, cross-repository references), inject HTML, forge our
hidden `<!-- pr-review:... -->` markers, lead readers to foreign sites, smuggle invisible or
bidirectional characters, echo a secret, or grow without bound.

Regular expressions cannot tell what GitHub will make of Markdown (an `@` inside `_…_` is a mention,
one after an unbalanced backtick too, a link's text may span lines or nest brackets, a reference
definition may sit in a list item). So the text is parsed with a CommonMark parser (markdown-it)
and safe Markdown is rebuilt from the parse: text is escaped so that it can only be text, code
stays code, links survive only to allow-listed hosts, images and HTML never do.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Collection
from urllib.parse import quote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from pr_review.text.invisible import reveal_invisible

__all__ = [
    "DEFAULT_LINK_HOSTS",
    "MASK",
    "code_span",
    "defang",
    "defuse_markers",
    "mask_secrets",
    "neutralise",
    "reveal_invisible",
    "safe_suggestion",
]

DEFAULT_LINK_HOSTS: frozenset[str] = frozenset(
    {
        "cwe.mitre.org",
        "capec.mitre.org",
        "owasp.org",
        "cheatsheetseries.owasp.org",
        "docs.github.com",
        "nvd.nist.gov",
    }
)
MASK = "[REDACTED]"
_MIN_SECRET = 4  # shorter "secrets" would mask ordinary words
_TRUNCATED = " [truncated]"

# CommonMark with raw HTML recognised (so that it can be shown as text, never passed through).
_PARSER = MarkdownIt("commonmark", {"html": True})

# What GitHub autolinks in plain text (GFM extended autolinks): defanged unless allow-listed.
_BARE_URL = re.compile(
    r"(?:https?|ftp)://[^\s<>()\[\]\"'`]+|www\.[A-Za-z0-9_-][^\s<>()\[\]\"'`]*",
    re.IGNORECASE,
)
_SCHEME_WORD = re.compile(r"http|ftp", re.IGNORECASE)
_WWW = re.compile(r"www\.", re.IGNORECASE)
_URL_SAFE = "/:?#=&%-._~+,;!$*@"  # kept by quote(); brackets, parentheses, quotes and spaces are encoded
# A notifying mention: `@` + name, not preceded by an ASCII letter or digit (an e-mail address).
_MENTION = re.compile(r"(?<![A-Za-z0-9])@(?=[A-Za-z0-9])")
# `owner/repo#12` posts a back-reference on another repository's issue (`#12` in this one is
# harmless). Anchored on the `/` with a bounded name: linear on any input.
_CROSS_REFERENCE = re.compile(r"(/[\w.-]{1,100})#(?=\d)")
# Our hidden markers are `<!-- pr-review:name=… -->`; the suppression syntax `pr-review: ignore[…]`
# is shown to users and is no marker.
_MARKER_OPEN = re.compile(r"<!--")
_MARKER_NAME = re.compile(r"(pr-review)[ \t]*:(?![ \t]*ignore\[)", re.IGNORECASE)
# `]` only before `(`: with no reference definition left in the output (line_start), `](` is
# the only way brackets become a link. `!` at the end of a text could make the next link an image.
_SPECIAL = re.compile(r"[&<>`]|\](?=\(|$)|!$|\\(?=[!-/:-@\[-`{-~]|$)")
_LABEL_SPECIAL = re.compile(r"[&<>\[\]`]|!$|\\(?=[!-/:-@\[-`{-~]|$)")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`", "\\": "\\\\", "!": "\\!"}
# A line of text that a Markdown parser would take for the start of a block.
_BLOCK_START = re.compile(
    r"^(?:[-+*](?=[ \t]|$)|#{1,6}(?=[ \t]|$)|(?:[-*_=][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$|~{3,}|\[[^\]\n]*\]:)"
)
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_INFO = re.compile(r"[A-Za-z0-9_+-]{1,30}")
_BACKTICKS = re.compile(r"`+")


def mask_secrets(text: str, known_secrets: Collection[str]) -> str:
    for secret in sorted((s for s in known_secrets if len(s) >= _MIN_SECRET), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


# Each inline piece is rendered inert on its own; these can still form where two pieces meet (`@` +
# a link's label `abc`): (pattern, replacement, characters its lookahead reads past the match).
_SEAM_RULES: tuple[tuple[re.Pattern[str], str, int], ...] = (
    (_MENTION, "\uff20", 1),
    (_CROSS_REFERENCE, "\\1\uff03", 1),
    (_MARKER_OPEN, "\u2039!--", 0),
    (_MARKER_NAME, "\\1\uff1a", 0),
)


def _joined_inert(pieces: list[str]) -> str:
    """The pieces joined, with whatever only their joins form made inert; the pieces themselves
    (an allowed link's address included) are left as they are. One pass per rule: linear."""
    text = "".join(pieces)
    if len(pieces) < 2:
        return text
    seams: list[int] = []
    for piece in pieces[:-1]:
        seams.append((seams[-1] if seams else 0) + len(piece))

    def inert_across_a_seam(match: re.Match[str], replacement: str, reach: int) -> str:
        after = bisect_right(seams, match.start())
        crosses = after < len(seams) and seams[after] < match.end() + reach
        return match.expand(replacement) if crosses else match.group()

    for pattern, replacement, reach in _SEAM_RULES:
        # Every replacement but the last rule's keeps the length: the seams stay where they were.
        text = pattern.sub(functools.partial(inert_across_a_seam, replacement=replacement, reach=reach), text)
    return text


def defuse_markers(text: str) -> str:
    """Text that cannot form one of our hidden markers, for code spans and other literal text:
    `<!--` gets a single angle quotation mark (U+2039) for its `<` and `pr-review:` gets a full-width colon."""
    text = _MARKER_OPEN.sub("\u2039!--", text)
    return _MARKER_NAME.sub("\\1\uff1a", text)


def defang(url: str) -> str:
    """`https://evil.example/x` → `hxxps://evil[.]example/x`: readable, never a link."""
    url = quote(url, safe=_URL_SAFE)
    scheme, sep, rest = url.partition("://")
    if not sep:  # protocol-relative `//host/path`, or no host at all
        scheme, sep, rest = ("", "//", url[2:]) if url.startswith("//") else ("", "", url)
    host, slash, path = rest.partition("/")
    text = f"{scheme}{sep}{host.replace('.', '[.]')}{slash}{path}"
    # No scheme or www. anywhere in it, so no part of it can be autolinked either.
    text = _SCHEME_WORD.sub(lambda m: m.group()[0] + "xx" + m.group()[3:] if len(m.group()) == 4 else "fxp", text)
    return _WWW.sub(lambda m: m.group()[:3] + "[.]", text)


def _allowed(url: str, hosts: frozenset[str]) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return parts.scheme.lower() == "https" and bool(host) and host in hosts and "@" not in parts.netloc


def _inert(text: str) -> str:
    """Plain text that notifies no one and links no other repository's issues."""
    text = _MENTION.sub("\uff20", text)  # a full-width at sign: readable, never a notification
    return _CROSS_REFERENCE.sub("\\1\uff03", text)  # a full-width number sign: readable, never a link


def _escape(text: str, *, label: bool = False) -> str:
    """Characters that could start HTML, a link, code or an entity, backslash-escaped or encoded;
    in a link's label every bracket, so that the label cannot end early."""
    return (_LABEL_SPECIAL if label else _SPECIAL).sub(lambda m: _ESCAPES[m.group()], text)


def _code_span(content: str) -> str:
    content = defuse_markers(content.replace("\n", " "))
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(content)), default=0) + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def code_span(text: str) -> str:
    """Untrusted text as one inline code span: shown literally, so no mention or link in it is live."""
    return _code_span(reveal_invisible(text)[0])


class _Rebuild:
    """Safe Markdown rebuilt from markdown-it's syntax tree."""

    def __init__(self, hosts: frozenset[str], *, one_line: bool) -> None:
        self.hosts = hosts
        self.one_line = one_line
        self.in_label = False

    # -- inline ------------------------------------------------------------------------------------
    def text(self, text: str) -> str:
        """Plain text: bare URLs to other hosts defanged, nothing else can take effect."""
        if self.one_line:
            text = text.replace("\n", " ")  # a decoded `&#10;` must not end a table row
        out: list[str] = []
        position = 0
        for match in _BARE_URL.finditer(text):
            url, trail = match.group(), ""
            while url and url[-1] in ".,;:!?":  # sentence punctuation is not part of the URL
                url, trail = url[:-1], url[-1] + trail
            out.append(_escape(text[position : match.start()], label=self.in_label))
            out.append(_escape(url, label=self.in_label) if _allowed(url, self.hosts) else self.defanged(url))
            out.append(_escape(trail, label=self.in_label))
            position = match.end()
        out.append(_escape(text[position:], label=self.in_label))
        return defuse_markers(_inert("".join(out)))

    def defanged(self, url: str) -> str:
        """A defanged URL as text: its `[.]` kept, everything else inert (a `pr-review:` scheme
        included: the address is shown, in a link's place, as text)."""
        return defuse_markers("[.]".join(_escape(part) for part in defang(url).split("[.]")))

    def inline(self, nodes: list[SyntaxTreeNode]) -> str:
        return _joined_inert([self.inline_node(node) for node in nodes])

    def inline_node(self, node: SyntaxTreeNode) -> str:
        match node.type:
            case "text" | "html_inline":
                return self.text(node.content)
            case "softbreak" | "hardbreak":
                return " " if self.one_line else "\n"
            case "code_inline":
                return _code_span(node.content)
            case "em":
                return f"*{self.inline(node.children)}*"
            case "strong":
                return f"**{self.inline(node.children)}**"
            case "link":
                return self.link(node)
            case "image":
                return self.foreign(self.inline(node.children), str(node.attrs.get("src", "")), "image: ")
            case _:  # whatever a newer parser adds: its text, escaped
                return self.text(node.content) + self.inline(node.children)

    def link(self, node: SyntaxTreeNode) -> str:
        url = str(node.attrs.get("href", ""))
        if node.markup == "autolink":  # `<https://…>`: shown as the bare address, which text() judges
            return self.inline(node.children)
        if _allowed(url, self.hosts):
            self.in_label = True
            try:
                label = self.inline(node.children)
            finally:
                self.in_label = False
            return f"[{label}]({quote(url, safe=_URL_SAFE).replace('&', '&amp;')})"
        return self.foreign(self.inline(node.children), url, "")

    def foreign(self, label: str, url: str, kind: str) -> str:
        shown = self.defanged(url) if url else ""
        return f"{label} ({kind}{shown})" if shown else label

    # -- blocks ------------------------------------------------------------------------------------
    def blocks(self, nodes: list[SyntaxTreeNode]) -> list[str]:
        """The blocks' lines, a blank line between blocks."""
        lines: list[str] = []
        for node in nodes:
            block = self.block(node)
            if block:
                if lines:
                    lines.append("")
                lines.extend(block)
        return lines

    def paragraph(self, text: str) -> list[str]:
        return [self.line_start(line) for line in text.split("\n")]

    @staticmethod
    def line_start(line: str) -> str:
        """A line that stays text: a leading list, heading, rule, fence or definition marker escaped."""
        ordered = _ORDERED_MARKER.match(line)
        if ordered:
            return f"{ordered.group(1)}\\{line[ordered.end(1) :]}"
        return "\\" + line if _BLOCK_START.match(line) else line

    def block(self, node: SyntaxTreeNode) -> list[str]:
        match node.type:
            case "paragraph" | "heading":
                text = self.inline(node.children[0].children if node.children else [])
                if node.type == "heading" and not self.one_line:
                    return ["#" * int(node.tag[1:]) + " " + " ".join(text.split("\n"))]
                return self.paragraph(text)
            case "fence" | "code_block":
                return self.code(node.content, node.info)
            case "html_block":
                return self.paragraph("\n".join(line.strip() for line in self.text(node.content).split("\n")))
            case "hr":
                return ["***"]
            case "blockquote":
                return [f"> {line}".rstrip() for line in self.blocks(node.children)]
            case "bullet_list" | "ordered_list":
                return self.list_items(node)
            case _:
                return self.blocks(node.children) if node.children else self.paragraph(self.text(node.content))

    def list_items(self, node: SyntaxTreeNode) -> list[str]:
        start = int(str(node.attrs.get("start", 1)))
        lines: list[str] = []
        for number, item in enumerate(node.children, start=start):
            marker = f"{number}. " if node.type == "ordered_list" else "- "
            body = self.blocks(item.children) or [""]
            lines.append(marker + body[0])
            lines.extend((" " * len(marker) + line) if line else "" for line in body[1:])
        return lines

    def code(self, content: str, info: str) -> list[str]:
        content = defuse_markers(content.rstrip("\n"))
        if self.one_line:
            return [_code_span(content)]
        fence = "`" * max(3, max((len(run) for run in _BACKTICKS.findall(content)), default=0) + 1)
        language = info.split()[0] if info.split() else ""
        language = language if _INFO.fullmatch(language) else ""
        return [fence + language, *content.split("\n"), fence]

    def document(self, text: str) -> str:
        tree = SyntaxTreeNode(_PARSER.parse(text))
        lines = self.blocks(tree.children)
        return (" " if self.one_line else "\n").join(lines).strip()


def _rebuilt(text: str, hosts: frozenset[str]) -> str:
    return _Rebuild(hosts, one_line="\n" not in text).document(text)


def neutralise(
    text: str,
    *,
    max_len: int,
    allowed_link_hosts: frozenset[str] = DEFAULT_LINK_HOSTS,
    known_secrets: Collection[str] = (),
) -> str:
    """Text safe to post as GitHub Markdown: inert mentions, no HTML, no markers, no foreign links.

    One line in, one line out (table cells); a longer text keeps its paragraphs, lists, quotes and
    code. A text over `max_len` is cut before it is parsed, so the cut can never leave a code
    block or a link open.
    """
    text = mask_secrets(text, known_secrets)
    text, _ = reveal_invisible(text.replace("\r\n", "\n"))
    # Parsing is linear but not cheap: a text is cut first to about the length that can be shown.
    limit = max_len + 1000
    truncated, text = len(text) > limit, text[:limit]
    keep = len(text)
    while True:
        out = _rebuilt(text[:keep], allowed_link_hosts)
        if keep == 0 or len(out) <= max_len - (len(_TRUNCATED) if truncated else 0):
            break
        truncated = True
        keep = min(keep - 1, keep * max(0, max_len - len(_TRUNCATED)) * 9 // (10 * len(out)))
    return (out + _TRUNCATED).strip() if truncated else out


def safe_suggestion(code: str, *, known_secrets: Collection[str] = ()) -> str | None:
    """A suggested fix that can go inside a ```suggestion block, or None to drop it.

    Code is not rewritten (a masked or escaped fix would be wrong code): a fix that could break
    out of the fence, hides characters, carries text of our hidden markers or echoes a secret is
    dropped instead.
    """
    if "```" in code or "~~~" in code or "\r" in code:
        return None
    if reveal_invisible(code)[1]:
        return None
    if defuse_markers(code) != code:
        return None
    if mask_secrets(code, known_secrets) != code:
        return None
    return code
