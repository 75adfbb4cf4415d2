"""text/sanitize.py: model text is inert before anything posts it."""

from __future__ import annotations

import re

from pr_review.text.sanitize import DEFAULT_LINK_HOSTS, defang, neutralise, safe_suggestion

MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")


def clean(text: str, **kwargs: object) -> str:
    return neutralise(text, max_len=kwargs.pop("max_len", 2000), allowed_link_hosts=DEFAULT_LINK_HOSTS, **kwargs)  # type: ignore[arg-type]


def test_mentions_and_team_mentions_cannot_notify() -> None:
    out = clean("cc @octocat and @acme/security-team, mail admin@example.com")
    assert not MENTION.search(out)
    assert "\uff20octocat" in out
    assert "\uff20acme/security-team" in out
    assert "admin@example.com" in out  # an e-mail address is not a mention


def test_cross_repository_references_do_not_backlink() -> None:
    assert "#12" not in clean("see torvalds/linux#12")
    assert "#3" in clean("fixes #3")  # same-repository references are harmless


def test_html_is_escaped_and_hidden_markers_cannot_be_forged() -> None:
    out = clean("<img src=x onerror=alert(1)> <!-- pr-review:fingerprint=deadbeef --> <details>")
    assert "<" not in out
    assert ">" not in out
    assert "pr-review:fingerprint" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<!--" not in clean("<!-- pr-review:summary never closed")


def test_links_only_to_allowed_hosts() -> None:
    out = clean(
        "[CWE](https://cwe.mitre.org/data/definitions/89.html) [login](https://evil.example/phish) "
        "![px](https://cwe.mitre.org/x.png) see https://evil.example/a?b=1. or www.evil.example/x "
        "\n[ref]: https://evil.example/r"
    )
    assert "[CWE](https://cwe.mitre.org/data/definitions/89.html)" in out
    assert "login (hxxps://evil[.]example/phish)" in out
    assert "px (image: hxxps://cwe[.]mitre[.]org/x.png)" in out  # no images at all
    assert "hxxps://evil[.]example/a?b=1." in out
    assert "www[.]evil[.]example/x" in out
    assert "https://evil" not in out
    assert "(https://evil" not in out
    assert "\\[ref]:" in out


def test_lookalike_allowed_hosts_are_refused() -> None:
    out = clean("[a](https://cwe.mitre.org.evil.example/) [b](https://user@cwe.mitre.org/) [c](javascript:alert(1))")
    assert "a (hxxps://cwe[.]mitre[.]org[.]evil[.]example/)" in out
    assert "b (hxxps://user@cwe[.]mitre[.]org/)" in out
    assert "\\](javascript:alert(1))" in out  # not a link for CommonMark either: its `](` is escaped
    assert defang("https://a.b/c") == "hxxps://a[.]b/c"
    assert defang("//evil.example/(x)") == "//evil[.]example/%28x%29"


def test_known_secrets_are_masked() -> None:
    out = clean("the key AKIAIOSFODNN7EXAMPLE is hard-coded", known_secrets=["AKIAIOSFODNN7EXAMPLE", "ab"])
    assert "AKIAIOSFODNN7EXAMPLE" not in out
    assert "[REDACTED]" in out
    assert "ab" in clean("about", known_secrets=["ab"])  # too short to mask


def test_length_is_capped_without_a_broken_entity() -> None:
    out = clean("<" * 500, max_len=100)
    assert len(out) <= 100
    assert out.endswith("[truncated]")
    assert not re.search(r"&[a-z]*\s*\[truncated\]$", out.replace("&lt;", ""))


def test_invisible_characters_are_made_visible() -> None:
    assert clean("safe\u202eevil") == "safe⟦U+202E⟧evil"
    assert clean("ad\u00admin \u3164 \u26a0\ufe0f") == "ad⟦U+00AD⟧min ⟦U+3164⟧ \u26a0⟦U+FE0F⟧"


def test_structure_survives_and_code_keeps_what_it_shows() -> None:
    text = (
        "**Impact**: `@app.route` is exposed.\n\n```python\n@app.route('/x')\n```\n\n- one\n- two <b>"
        "\n\n> quoted @alice"
    )
    out = clean(text)
    assert out == (
        "**Impact**: `@app.route` is exposed.\n\n```python\n@app.route('/x')\n```\n\n- one\n- two &lt;b&gt;"
        "\n\n> quoted \uff20alice"
    )
    assert clean(out) == out


def test_suggestions_that_break_fences_hide_characters_or_echo_secrets_are_dropped() -> None:
    assert safe_suggestion("query(sql, (customer,))") == "query(sql, (customer,))"
    assert safe_suggestion("x = 1\n```\n@everyone") is None
    assert safe_suggestion("~~~") is None
    assert safe_suggestion("if ok:\u202e") is None
    assert safe_suggestion("key = 'hunter2hunter2'", known_secrets=["hunter2hunter2"]) is None
    assert safe_suggestion("token = rnd()  # <!-- pr-review:fingerprint=" + "a" * 32 + " -->") is None
    assert safe_suggestion("x = 1  # PR-Review :fingerprint") is None
