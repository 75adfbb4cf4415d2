"""Neutralise model- or PR-written text before it is posted where people and tools read it.

The text may have been steered by a prompt injection, so it is treated as hostile: it must not
notify anyone (@-mentions, team mentions, cross-repository references), inject HTML, forge our
hidden `<!-- pr-review:... -->` markers, lead readers to foreign sites, smuggle invisible or
bidirectional characters, echo a secret, or grow without bound.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urlsplit

from pr_review.invisible import reveal_invisible

__all__ = ["DEFAULT_LINK_HOSTS", "MASK", "defang", "mask_secrets", "neutralise", "reveal_invisible", "safe_suggestion"]

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

_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_MENTION = re.compile(r"(?<![\w`])@(?=[A-Za-z0-9])")
# `owner/repo#12` posts a back-reference on another repository's issue (`#12` in this one is
# harmless). Anchored on the `/` with a bounded name: linear on any input.
_CROSS_REFERENCE = re.compile(r"(/[\w.-]{1,100})#(?=\d)")
_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\]\n]{0,500})\]\(\s{0,100}+<?(?P<url>[^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)"
    r"|(?P<bare>(?:https?|ftp)://[^\s<>()\[\]\"'`]+|www\.[A-Za-z0-9_-][^\s<>()\[\]\"'`]*)",
    re.IGNORECASE,
)
_REFERENCE_DEFINITION = re.compile(r"^( {0,3})\[([^\]\n]+)\]:", re.MULTILINE)
_SCHEME_WORD = re.compile(r"http|ftp", re.IGNORECASE)
_WWW = re.compile(r"www\.", re.IGNORECASE)
_PARTIAL_ENTITY = re.compile(r"&[#A-Za-z0-9]{0,8}$")
_FENCE = re.compile(r"```|~~~")
MASK = "[REDACTED]"
_MIN_SECRET = 4  # shorter "secrets" would mask ordinary words


def mask_secrets(text: str, known_secrets: Collection[str]) -> str:
    for secret in sorted((s for s in known_secrets if len(s) >= _MIN_SECRET), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def defang(url: str) -> str:
    """`https://evil.example/x` → `hxxps://evil[.]example/x`: readable, never a link."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
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


def _relink(match: re.Match[str], hosts: frozenset[str]) -> str:
    bare = match.group("bare")
    if bare is not None:
        trail = ""
        while bare and bare[-1] in ".,;:!?":  # sentence punctuation is not part of the URL
            bare, trail = bare[:-1], bare[-1] + trail
        return (bare if _allowed(bare, hosts) else defang(bare)) + trail
    text, url = match.group("text"), match.group("url")
    if not match.group("bang") and _allowed(url, hosts):
        text = _LINK.sub(lambda m: _relink(m, hosts), text)  # no foreign URL as the link's label
        return f"[{text}]({url})"
    kind = "image: " if match.group("bang") else ""
    shown = defang(url) if url else ""
    return f"{text} ({kind}{shown})" if shown else text


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def neutralise(
    text: str,
    *,
    max_len: int,
    allowed_link_hosts: frozenset[str] = DEFAULT_LINK_HOSTS,
    known_secrets: Collection[str] = (),
) -> str:
    """Text safe to post as GitHub Markdown: inert mentions, no HTML, no foreign links."""
    text = mask_secrets(text, known_secrets)
    text, _ = reveal_invisible(text.replace("\r\n", "\n"))
    text = _HTML_COMMENT.sub("", text).replace("<!--", "").replace("-->", "")
    text = _escape_html(text)
    text = _REFERENCE_DEFINITION.sub(r"\1\\[\2]:", text)
    text = _LINK.sub(lambda m: _relink(m, allowed_link_hosts), text)
    text = _MENTION.sub("\uff20", text)  # a full-width at sign: readable, never a notification
    text = _CROSS_REFERENCE.sub("\\1\uff03", text)  # a full-width number sign: readable, never a link
    text = text.strip()
    if len(text) > max_len:
        cut = _PARTIAL_ENTITY.sub("", text[: max(0, max_len - 12)])
        text = cut.rstrip() + " [truncated]"
    return text


def safe_suggestion(code: str, *, known_secrets: Collection[str] = ()) -> str | None:
    """A suggested fix that can go inside a ```suggestion block, or None to drop it.

    Code is not rewritten (a masked or escaped fix would be wrong code): a fix that could break
    out of the fence, hides characters or echoes a secret is dropped instead.
    """
    if _FENCE.search(code) or "\r" in code:
        return None
    if reveal_invisible(code)[1]:
        return None
    if mask_secrets(code, known_secrets) != code:
        return None
    return code
