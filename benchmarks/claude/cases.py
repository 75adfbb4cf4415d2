"""Labelled cases for the Claude benchmark: small pull requests whose flaw is what the change removes.

Each case is a pull request built here (diff and head files) with the lines a reviewer must be
shown to judge it: the vulnerable lines (a deleted guard, the call that now runs without it) and,
implicitly, every removed line of the change. `run.py` reviews each against the loopback fake and
counts which of them reach the model.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    diff: str
    head: dict[str, bytes]
    vulnerable: tuple[str, ...]  # text of lines the model must be shown (removed or new-side)
    note: str = ""


def _modified(path: str, old: list[str], new: list[str], eol: str = "\n") -> tuple[str, bytes]:
    """A one-hunk diff of the whole file (every line in the hunk) and the head bytes."""
    body = [f"diff --git a/{path} b/{path}", f"--- a/{path}", f"+++ b/{path}"]
    body.append(f"@@ -1,{len(old)} +1,{len(new)} @@")
    # A small common-prefix/suffix diff: enough for these hand-written cases.
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    body += [f" {line}{eol.rstrip(chr(10))}" for line in old[:prefix]]
    body += [f"-{line}{eol.rstrip(chr(10))}" for line in old[prefix : len(old) - suffix]]
    body += [f"+{line}{eol.rstrip(chr(10))}" for line in new[prefix : len(new) - suffix]]
    body += [f" {line}{eol.rstrip(chr(10))}" for line in old[len(old) - suffix :]]
    return "\n".join(body) + "\n", eol.join(new).encode() + eol.encode()


def _deleted(path: str, old: list[str]) -> str:
    body = [f"diff --git a/{path} b/{path}", "deleted file mode 100644", f"--- a/{path}", "+++ /dev/null"]
    body.append(f"@@ -1,{len(old)} +0,0 @@")
    body += [f"-{line}" for line in old]
    return "\n".join(body) + "\n"


def _case(
    name: str, files: list[tuple[str, list[str], list[str] | None]], vulnerable: tuple[str, ...], **kw: str
) -> Case:
    diff: list[str] = []
    head: dict[str, bytes] = {}
    for path, old, new in files:
        if new is None:
            diff.append(_deleted(path, old))
            continue
        eol = "\r\n" if kw.get("eol") == "crlf" else "\n"
        text, content = _modified(path, old, new, eol)
        diff.append(text)
        head[path] = content
    return Case(name, "".join(diff), head, vulnerable, kw.get("note", ""))


_VIEW_OLD = [
    "from django.core.exceptions import PermissionDenied",
    "from .models import Invoice",
    "",
    "",
    "def invoice_detail(request, invoice_id):",
    '    """One invoice, for its owner or an admin."""',
    "    invoice = Invoice.objects.get(pk=invoice_id)",
    "    if invoice.owner_id != request.user.id and not request.user.is_staff:",
    "        raise PermissionDenied",
    "    return render(request, 'invoice.html', {'invoice': invoice})",
]

_XML_OLD = [
    "package org.example.feed;",
    "",
    "import javax.xml.parsers.DocumentBuilderFactory;",
    "",
    "public class FeedParser {",
    "    public Document parse(InputStream in) throws Exception {",
    "        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();",
    '        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);',
    "        factory.setExpandEntityReferences(false);",
    "        return factory.newDocumentBuilder().parse(in);",
    "    }",
    "}",
]

_GIT_OLD = [
    "package vcs",
    "",
    'import "os/exec"',
    "",
    "func Log(ref string) ([]byte, error) {",
    '\tfn := func(args ...string) *exec.Cmd { return exec.Command("git", args...) }',
    '\treturn fn("log", "--", ref).Output()',
    "}",
]

_SANITISE_OLD = [
    "'use strict';",
    "const escapeHtml = require('escape-html');",
    "",
    "exports.renderComment = function renderComment(comment) {",
    "  // Comments are user input: escape before they reach the page.",
    "  const body = escapeHtml(comment.body);",
    '  return `<p class="comment">${body}</p>`;',
    "};",
]

_MIDDLEWARE_OLD = [
    "from functools import wraps",
    "",
    "",
    "def require_login(view):",
    "    @wraps(view)",
    "    def wrapper(request, *args, **kwargs):",
    "        if not request.user.is_authenticated:",
    "            return redirect('/login')",
    "        return view(request, *args, **kwargs)",
    "    return wrapper",
]

_CRLF_OLD = [
    "import subprocess",
    "",
    "",
    "def archive(name):",
    "    if not name.isalnum():",
    "        raise ValueError('bad name')",
    "    subprocess.run(['tar', 'czf', name + '.tgz', 'data'], check=True)",
]

CASES: tuple[Case, ...] = (
    _case(
        "deleted ownership check (Python)",
        [("billing/views.py", _VIEW_OLD, _VIEW_OLD[:7] + _VIEW_OLD[9:])],
        ("    if invoice.owner_id != request.user.id and not request.user.is_staff:", "        raise PermissionDenied"),
    ),
    _case(
        "deleted XXE hardening flag (Java)",
        [("src/main/java/org/example/feed/FeedParser.java", _XML_OLD, _XML_OLD[:7] + _XML_OLD[9:])],
        ('        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);',),
    ),
    _case(
        "option terminator removed (Go)",
        [("vcs/log.go", _GIT_OLD, [*_GIT_OLD[:6], '\treturn fn("log", ref).Output()', _GIT_OLD[7]])],
        ('\treturn fn("log", "--", ref).Output()', '\treturn fn("log", ref).Output()'),
    ),
    _case(
        "sanitiser removed, pure deletion (JS)",
        [("web/comments.js", _SANITISE_OLD, [*_SANITISE_OLD[:4], *_SANITISE_OLD[6:]])],
        ("  const body = escapeHtml(comment.body);",),
        note="the hunk only deletes; `body` is now undefined, a reviewer must see why",
    ),
    _case(
        "authentication middleware deleted (whole file)",
        [("app/middleware.py", _MIDDLEWARE_OLD, None)],
        ("        if not request.user.is_authenticated:",),
    ),
    _case(
        "input check removed in a CRLF file",
        [("tools/archive.py", _CRLF_OLD, [*_CRLF_OLD[:4], *_CRLF_OLD[6:]])],
        ("    if not name.isalnum():",),
        eol="crlf",
    ),
    _case(
        "cross-file flaw (the other file comes from a lookup)",
        [
            (
                "api/routes.py",
                ["from .admin import admin_routes", "", "ROUTES = [*admin_routes]"],
                [
                    "from .admin import admin_routes",
                    "from .reports import report_routes",
                    "",
                    "ROUTES = [*admin_routes, *report_routes]",
                ],
            )
        ],
        ("from .reports import report_routes",),
        note="decidable only by reading api/reports.py (no permission check there): measured by the tools work",
    ),
)
