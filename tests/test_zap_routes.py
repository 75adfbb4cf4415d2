"""Route templates → linear regular expressions; routes found in Flask, FastAPI, Express, Spring, Django."""

from __future__ import annotations

import pytest
from scaling import SCALE, assert_scales_linearly

from pr_review.analyzers.zap.routes import best_route, compile_template, declared_routes, django_regex_template


@pytest.mark.parametrize(
    ("template", "options", "path", "matches"),
    [
        ("/invoices/<int:id>", {}, "/invoices/42", True),
        ("/invoices/<int:id>", {}, "/invoices/42/items", False),
        ("/invoices/<int:id>/", {}, "/invoices/42", True),  # trailing slash optional
        ("/items/{item_id}", {}, "/items/a.b", True),
        ("/files/{p:path}", {}, "/files/a/b/c", True),
        ("/x/:id", {"express": True}, "/x/7", True),
        ("/a.b", {}, "/aXb", False),  # literal dots are escaped
        ("/a+(b)", {}, "/a+(b)", True),
        ("orders/<int:pk>/", {"suffix": True}, "/shop/orders/5", True),
        ("orders/<int:pk>/", {"suffix": True}, "/shop/xorders/5", False),
        ("/", {}, "/", True),
        ("/", {}, "/anything", False),
        ("/static/*", {"express": True}, "/static/a/b.js", True),
        ("/static/*", {"express": True}, "/static", False),
        ("/report.<fmt>", {}, "/report.pdf", True),
        ("/a//b/", {}, "/a/b", True),
    ],
)
def test_compile_template(template: str, options: dict[str, bool], path: str, matches: bool) -> None:
    pattern, _ = compile_template(template, **options)
    assert pattern.matches(path) is matches


def test_compiled_patterns_stay_linear_on_hostile_paths() -> None:
    pattern, _ = compile_template("/<a>-<b>.json/x")
    with pytest.raises(ValueError, match="too many parameters"):
        compile_template("/<a>-<b>-<c>/x")
    suffix, _ = compile_template("a/<b>/c", suffix=True)
    assert not pattern.matches("/" + "-" * 250 + "/x")
    assert not suffix.matches("/a" * 1000 + "/q")
    assert_scales_linearly(pattern.matches, lambda n, k: "/" + "-" * n + "/x" + "x" * k, 2000 // SCALE)
    assert_scales_linearly(suffix.matches, lambda n, k: "/a" * n + "/q" + "q" * k, 8000 // SCALE)


def test_unmappable_templates() -> None:
    with pytest.raises(ValueError, match="unbalanced"):
        compile_template("/x/<id")
    with pytest.raises(ValueError, match="regex parameter"):
        compile_template("/x/:id(\\d+)", express=True)
    assert django_regex_template(r"^articles/(?P<year>[0-9]{4})/$") == "articles/<p>/"
    assert django_regex_template(r"^a+/$") is None


def test_declared_routes_and_prefixes() -> None:
    flask = b"""bp = Blueprint("billing", __name__, url_prefix="/billing")

@bp.route(
    "/invoices/<id>",
    methods=["POST", "PUT"],
)
def update(id): ...
"""
    routes = declared_routes({"billing.py": flask, "README.md": b"@app.route('/x')"})
    (route,) = routes
    assert (route.file, route.line, route.display) == ("billing.py", 3, "POST|PUT /billing/invoices/<id>")
    assert best_route(routes, "PUT", "https://h/billing/invoices/9") is route
    assert best_route(routes, "GET", "https://h/billing/invoices/9") is None


def test_most_specific_route_wins() -> None:
    source = b"""app.get('/users/:id', show);
app.get('/users/me', me);
"""
    routes = declared_routes({"server.ts": source})
    chosen = best_route(routes, "GET", "https://h/users/me")
    assert chosen is not None
    assert chosen.line == 2


def test_long_lines_and_template_strings_are_skipped() -> None:
    source = ("app.get('/" + "a" * 5000 + "', f);\napp.get(`/u/${id}`, f);\n").encode()
    assert declared_routes({"x.js": source}) == ()
