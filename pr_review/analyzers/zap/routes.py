"""Routes declared in the changed files, so a ZAP alert on a URL can point at the code serving it.

Recognised: Flask/FastAPI decorators (`@app.route("/x/<int:id>")`, `@router.get("/items/{id}")`,
with a Blueprint `url_prefix` or APIRouter `prefix` declared in the same file), Django `path()` /
`re_path()` / `url()` in a module with `urlpatterns` (matched at the end of the URL path, since
`include()` prefixes live elsewhere), Express (`app.get('/x/:id')`, `router.post(...)`) and Spring
(`@GetMapping("/x/{id}")`, `@RequestMapping` with a simple class-level prefix).

A route is matched segment by segment: literal segments by equality, a parameter segment by
being non-empty, and a segment mixing text and parameters by an escaped regex over that one
bounded segment (`[^/]+` per parameter, at most two). A path-typed parameter takes the rest.
Source lines are scanned with anchored patterns whose repetitions are bounded; lines longer
than _MAX_LINE are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

_MAX_LINE = 2000
_MAX_URL_PATH = 2000
_WINDOW_LINES = 4  # a decorator's arguments may continue on the next lines

_PY_DECORATOR = re.compile(
    r"^\s*@\s*([A-Za-z_][\w.]{0,200})\.(route|api_route|get|post|put|delete|patch|head|options|websocket)\s*\("
)
_PY_ROUTER = re.compile(
    r"^\s*([A-Za-z_]\w{0,100})\s*(?::[^=\n]{0,200})?=\s*(?:[\w.]{0,100}\.)?(Blueprint|APIRouter)\s*\("
)
_PY_PREFIX = re.compile(r"\b(?:url_prefix|prefix)\s*=\s*[rbuRBU]{0,2}([\"'])([^\"'\n]{0,500})\1")
_PY_METHODS = re.compile(r"\bmethods\s*=\s*[\[(]([^\])\n]{0,300})[\])]")
_DJANGO = re.compile(r"^\s*(path|re_path|url)\s*\(\s*[rbuRBU]{0,2}([\"'])([^\"'\n]{0,500})\2")
_JS_ROUTE = re.compile(
    r"^\s*([A-Za-z_$][\w$]{0,100})\.(get|post|put|delete|patch|all|options|head)\s*\(\s*([\"'`])(/[^\"'`\n]{0,500})\3"
)
_SPRING = re.compile(r"^\s*@(Get|Post|Put|Delete|Patch|Request)Mapping\b")
_SPRING_PATH = re.compile(r"^\s*\(\s*(?:(?:value|path)\s*=\s*)?\{?\s*\"([^\"\n]{0,500})\"")
_SPRING_NAMED_PATH = re.compile(r"\b(?:value|path)\s*=\s*\{?\s*\"([^\"\n]{0,500})\"")
_SPRING_METHOD = re.compile(r"RequestMethod\.([A-Z]{3,7})\b")
_JAVA_CLASS = re.compile(r"^\s*(?:(?:public|final|abstract|private|protected|static)\s+){0,4}(?:class|interface)\s")
_QUOTED = re.compile(r"[\"']([A-Za-z]{3,7})[\"']")

_PY_SUFFIXES = (".py",)
_JS_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx")
_JVM_SUFFIXES = (".java", ".kt")
_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class Route:
    file: str
    line: int
    template: str  # as declared, with any prefix: "/invoices/<int:id>"
    methods: frozenset[str]  # empty: any method
    framework: str
    pattern: RoutePattern
    literal_chars: int  # specificity: /invoices/new beats /invoices/<id>

    @property
    def display(self) -> str:
        methods = "|".join(sorted(self.methods)) if self.methods else "ANY"
        return f"{methods} {self.template}"

    def matches(self, method: str, url_path: str) -> bool:
        if self.methods and method and method.upper() not in self.methods:
            return False
        return self.pattern.matches(url_path)


def _param_end(template: str, start: int, close: str) -> int:
    """Index after the parameter opened at `start`, allowing nested braces (`{id:\\d{3}}`)."""
    depth, i = 0, start
    opener = template[start]
    while i < len(template):
        if template[i] == opener:
            depth += 1
        elif template[i] == close:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


_MAX_SEGMENT = 256
_MAX_MIXED_PARAMS = 2  # `<a>-<b>` in one segment; more would make matching super-linear

# A segment of a route: literal text, a whole-segment parameter (None), or literal text with
# parameters in it (a regex over one bounded path segment, at most _MAX_MIXED_PARAMS of them).
Segment = str | re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class RoutePattern:
    """A route matched segment by segment: no regex ever spans the whole URL path."""

    segments: tuple[Segment, ...]
    wide_tail: bool  # the last parameter takes the rest of the path (`<path:p>`, `{p:path}`, `*`)
    suffix: bool  # Django: the route is the end of the path, below include() prefixes we cannot see

    def matches(self, path: str) -> bool:
        stripped = path.strip("/")
        parts = stripped.split("/") if stripped else []
        count = len(self.segments)
        if self.wide_tail:
            if len(parts) < count or not all(parts[count - 1 :]):
                return False
            parts = parts[: count - 1]
            segments = self.segments[:-1]
        else:
            if len(parts) < count or (len(parts) != count and not self.suffix):
                return False
            parts = parts[len(parts) - count :]
            segments = self.segments
        return all(_segment_matches(segment, part) for segment, part in zip(segments, parts, strict=True))


def _segment_matches(segment: Segment, part: str) -> bool:
    if segment is None:
        return bool(part)
    if isinstance(segment, str):
        return segment == part
    return len(part) <= _MAX_SEGMENT and segment.fullmatch(part) is not None


def _tokens(template: str, *, express: bool) -> list[tuple[str, str]]:
    """("lit", char), ("param", "") or ("wide", "") tokens of a route template."""
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(template):
        char = template[i]
        if char in "<{":
            end = _param_end(template, i, ">" if char == "<" else "}")
            if end == -1:
                raise ValueError(f"unbalanced parameter in route {template!r}")
            inner = template[i + 1 : end - 1]
            wide = inner.startswith(("path:", "*")) or inner.endswith(":path")
            tokens.append(("wide" if wide else "param", ""))
            i = end
        elif (
            express and char == ":" and i + 1 < len(template) and (template[i + 1].isalpha() or template[i + 1] == "_")
        ):
            i += 1
            while i < len(template) and (template[i].isalnum() or template[i] == "_"):
                i += 1
            if i < len(template) and template[i] == "(":  # custom regex parameter: not mappable
                raise ValueError(f"regex parameter in route {template!r}")
            if i < len(template) and template[i] == "?":
                i += 1
            tokens.append(("param", ""))
        elif express and char == "*":
            tokens.append(("wide", ""))
            i += 1
        else:
            tokens.append(("lit", char))
            i += 1
    return tokens


def compile_template(template: str, *, express: bool = False, suffix: bool = False) -> tuple[RoutePattern, int]:
    """A route template → (segment matcher, count of literal characters for specificity).

    `<conv:name>` (Flask, Django), `{name}` / `{name:path}` (FastAPI, Spring), `:name` and `*`
    (Express) are parameters; everything else is matched literally. A trailing slash is optional.
    """
    segments: list[list[tuple[str, str]]] = [[]]
    for token in _tokens(template, express=express):
        if token == ("lit", "/"):
            segments.append([])
        else:
            segments[-1].append(token)
    segments = [segment for segment in segments if segment]  # leading, trailing and doubled slashes
    compiled: list[Segment] = []
    wide_tail = False
    for index, segment in enumerate(segments):
        kinds = [kind for kind, _ in segment]
        if "wide" in kinds:
            if kinds != ["wide"] or index != len(segments) - 1 or suffix:
                raise ValueError(f"route {template!r} has a path parameter that is not its last segment")
            wide_tail = True
            compiled.append(None)
        elif "param" not in kinds:
            compiled.append("".join(text for _, text in segment))
        elif kinds == ["param"]:
            compiled.append(None)
        elif kinds.count("param") > _MAX_MIXED_PARAMS:
            raise ValueError(f"route {template!r} has too many parameters in one segment")
        else:
            compiled.append(re.compile("".join(re.escape(t) if k == "lit" else "[^/]+" for k, t in segment)))
    literal = sum(1 for segment in segments for kind, _ in segment if kind == "lit")
    if suffix and not literal:
        raise ValueError(f"route {template!r} has no literal text to match on")
    return RoutePattern(tuple(compiled), wide_tail, suffix), literal


def django_regex_template(regex: str) -> str | None:
    """A Django `re_path` regex → a template with `<p>` parameters, or None when it is not simple.

    Groups become parameters; any other regex syntax outside a group makes the route unmappable.
    """
    text = regex.removeprefix("^").removesuffix("$")
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "(":
            end = _param_end(text, i, ")")
            if end == -1:
                return None
            out.append("<p>")
            i = end
        elif char == "\\" and i + 1 < len(text) and text[i + 1] in "./-_":
            out.append(text[i + 1])
            i += 2
        elif char in "\\.^$*+?{}[]|)":
            return None
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _window(lines: list[str], index: int) -> str:
    return " ".join(line for line in lines[index : index + _WINDOW_LINES] if len(line) <= _MAX_LINE)


def _first_string(text: str) -> str | None:
    """The first quoted string after the opening parenthesis of a call."""
    match = re.match(r"^\s*[rbuRBU]{0,2}([\"'])([^\"'\n]{0,500})\1", text)
    return match.group(2) if match else None


def _make(file: str, line: int, template: str, methods: frozenset[str], framework: str) -> Route | None:
    try:
        pattern, literal = compile_template(template, express=framework == "express", suffix=framework == "django")
    except ValueError:
        return None
    shown = template if framework == "django" or template.startswith("/") else "/" + template
    return Route(file, line, shown, methods, framework, pattern, literal)


def _python_routes(file: str, lines: list[str]) -> Iterator[Route]:
    prefixes: dict[str, str] = {}
    for index, line in enumerate(lines):
        if len(line) <= _MAX_LINE and (router := _PY_ROUTER.match(line)):
            found = _PY_PREFIX.search(_window(lines, index))
            if found:
                prefixes[router.group(1)] = found.group(2).rstrip("/")
    django = any("urlpatterns" in line for line in lines if len(line) <= _MAX_LINE)
    for index, line in enumerate(lines):
        if len(line) > _MAX_LINE:
            continue
        if decorator := _PY_DECORATOR.match(line):
            owner, kind = decorator.group(1), decorator.group(2)
            rest = _window(lines, index)[decorator.end() :]
            template = _first_string(rest)
            if template is None:
                continue
            if kind in ("route", "api_route"):
                listed = _PY_METHODS.search(rest)
                names = {m.upper() for m in _QUOTED.findall(listed.group(1))} if listed else set()
                methods = frozenset(names & _HTTP_METHODS) or (
                    frozenset() if kind == "api_route" else frozenset({"GET", "HEAD"})
                )
            elif kind == "websocket":
                methods = frozenset({"GET"})
            else:
                methods = frozenset({kind.upper()})
            framework = "fastapi" if kind in ("api_route", "websocket") else "flask/fastapi"
            full = prefixes.get(owner.split(".")[-1], "") + template
            if (route := _make(file, index + 1, full, methods, framework)) is not None:
                yield route
        elif django and (call := _DJANGO.match(line)):
            declared = call.group(3)
            template = declared if call.group(1) == "path" else django_regex_template(declared)
            if template is not None and (route := _make(file, index + 1, template, frozenset(), "django")):
                yield route


def _express_routes(file: str, lines: list[str]) -> Iterator[Route]:
    for index, line in enumerate(lines):
        if len(line) > _MAX_LINE or not (call := _JS_ROUTE.match(line)):
            continue
        template = call.group(4)
        if "${" in template:
            continue
        verb = call.group(2).upper()
        methods = frozenset() if verb == "ALL" else frozenset({verb})
        if (route := _make(file, index + 1, template, methods, "express")) is not None:
            yield route


def _spring_path(rest: str) -> str:
    direct = _SPRING_PATH.match(rest)
    if direct:
        return direct.group(1)
    if rest.lstrip().startswith("("):
        named = _SPRING_NAMED_PATH.search(rest)
        if named:
            return named.group(1)
    return ""


def _spring_routes(file: str, lines: list[str]) -> Iterator[Route]:
    prefix = ""
    class_seen = False
    for index, line in enumerate(lines):
        if len(line) > _MAX_LINE:
            continue
        if not class_seen and _JAVA_CLASS.match(line):
            class_seen = True
            continue
        if not (annotation := _SPRING.match(line)):
            continue
        rest = _window(lines, index)[annotation.end() :]
        path = _spring_path(rest)
        if not class_seen:  # a class-level @RequestMapping: the prefix of every method route
            if annotation.group(1) == "Request":
                prefix = path.rstrip("/")
            continue
        if annotation.group(1) == "Request":
            parens = rest[: rest.find(")") + 1] if ")" in rest else ""
            methods = frozenset(m for m in _SPRING_METHOD.findall(parens) if m in _HTTP_METHODS)
        else:
            methods = frozenset({annotation.group(1).upper()})
        joined = prefix + ("/" + path.lstrip("/") if path else "")
        if (route := _make(file, index + 1, joined or "/", methods, "spring")) is not None:
            yield route


def declared_routes(contents: Mapping[str, bytes]) -> tuple[Route, ...]:
    """Routes declared in these files (path → content at head), in file and line order."""
    routes: list[Route] = []
    for file in sorted(contents):
        lower = file.lower()
        if lower.endswith(_PY_SUFFIXES):
            finder = _python_routes
        elif lower.endswith(_JS_SUFFIXES):
            finder = _express_routes
        elif lower.endswith(_JVM_SUFFIXES):
            finder = _spring_routes
        else:
            continue
        lines = contents[file].decode("utf-8", errors="replace").split("\n")  # as the diff numbers lines
        routes.extend(finder(file, lines))
    return tuple(routes)


def url_path(url: str) -> str:
    """The decoded path of a URL, without a trailing slash ("/" stays "/")."""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return ""
    if len(path) > _MAX_URL_PATH:
        return ""
    return path.rstrip("/") or "/"


def best_route(routes: tuple[Route, ...], method: str, url: str) -> Route | None:
    """The most specific route serving this request, if any was declared in the change."""
    path = url_path(url)
    if not path:
        return None
    candidates = [r for r in routes if r.matches(method, path)]
    # Exact-path frameworks before Django's end-of-path matches; then the most literal text.
    return max(candidates, key=lambda r: (r.framework != "django", r.literal_chars), default=None)
