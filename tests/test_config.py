"""Configuration errors a user sees (exit 2, one line: file, line, key), and where config comes from."""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import GitRepo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from scaling import assert_costs_at_most

from pr_review.cli import main
from pr_review.config import DEFAULT_EXCLUDES
from pr_review.config_loader import build_config, load_config_file, load_config_text
from pr_review.errors import ConfigError
from pr_review.models import Severity
from pr_review.resources import load_schema

# The process environment (semgrep needs PATH and HOME), without an Anthropic key: Claude is skipped.
ENV = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}

SQLI = """from flask import request


def search(conn):
    customer = request.args.get("customer", "")
    query = "SELECT id FROM invoices WHERE customer = '" + customer + "'"
    return conn.execute(query).fetchall()
"""


@pytest.fixture
def empty_diff(tmp_path: Path) -> Path:
    path = tmp_path / "empty.diff"
    path.write_text("")
    return path


def _config_error(tmp_path: Path, empty_diff: Path, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    config = tmp_path / "pr-review.yml"
    config.write_text(text)
    assert main(["scan", "--diff", str(empty_diff), "--config", str(config)], environ={}) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"error: {config}")
    return lines[0].removeprefix(f"error: {config}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("fail_on: [high\n", ":2: invalid YAML", id="invalid-yaml"),
        pytest.param("fail_on: high\n\tsemgrep: {}\n", ":2: invalid YAML", id="tab-indent"),
        pytest.param(
            "fail_onn: high\n", ":1: fail_onn: unknown key 'fail_onn' (did you mean 'fail_on'?)", id="unknown-top"
        ),
        pytest.param(
            "semgrep:\n  enabled: true\n  scop: changed_files\n",
            ":3: semgrep.scop: unknown key 'scop' (did you mean 'scope'?)",
            id="unknown-nested",
        ),
        pytest.param(
            "fail_on: hgh\n",
            ":1: fail_on: 'hgh' is not one of critical, high, medium, low, none (did you mean 'high'?)",
            id="bad-enum",
        ),
        pytest.param("fail_on: 3\n", ":1: fail_on: 3 is not one of critical, high, medium, low", id="enum-number"),
        pytest.param(
            "# settings\nclaude:\n  provider: bedrok\n",
            ":3: claude.provider: 'bedrok' is not one of anthropic, bedrock, vertex (did you mean 'bedrock'?)",
            id="bad-nested-enum",
        ),
        pytest.param(
            "semgrep:\n  timeout_s: fast\n", ":2: semgrep.timeout_s: 'fast' is not of type 'number'", id="wrong-type"
        ),
        pytest.param(
            "paths:\n  exclude: docs/**\n", ":2: paths.exclude: 'docs/**' is not of type 'array'", id="string-not-list"
        ),
        pytest.param("limits:\n  max_file_bytes: 0\n", ":2: limits.max_file_bytes: 0 is less than", id="minimum"),
        pytest.param("- fail_on\n- high\n", ": the configuration must be a mapping", id="not-a-mapping"),
        pytest.param(
            "semgrep: &a {timeout_s: 1}\npaths:\n  default_excludes: true\n  <<: *a\n",
            ":2: paths.timeout_s: unknown key 'timeout_s' (known keys: exclude, default_excludes)",
            id="merged-key",
        ),
    ],
)
def test_config_errors_name_file_line_and_key(
    tmp_path: Path, empty_diff: Path, text: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _config_error(tmp_path, empty_diff, text, capsys).startswith(expected)


def test_unknown_key_without_a_close_match_lists_the_known_keys(
    tmp_path: Path, empty_diff: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = _config_error(tmp_path, empty_diff, "zzzz: 1\n", capsys)
    assert "unknown key 'zzzz' (known keys: fail_on, semgrep," in message


def test_missing_config_file(tmp_path: Path, empty_diff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yml"
    assert main(["scan", "--diff", str(empty_diff), "--config", str(missing)], environ={}) == 2
    assert capsys.readouterr().err.strip() == f"error: {missing}: configuration file not found"


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n", "---\n"])
def test_empty_file_means_defaults(tmp_path: Path, text: str) -> None:
    path = tmp_path / "pr-review.yml"
    path.write_text(text)
    config = load_config_file(path)
    defaults = build_config({})
    assert config.fail_on is None
    assert config.semgrep == defaults.semgrep
    assert config.paths.patterns == DEFAULT_EXCLUDES
    assert config.max_file_bytes == defaults.max_file_bytes


def test_settings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "pr-review.yml"
    path.write_text(
        "fail_on: medium\nsemgrep:\n  scope: changed_files\n  timeout_s: 30\n"
        "paths:\n  exclude: [docs/**]\n  default_excludes: false\nlimits:\n  max_file_bytes: 1000\n"
    )
    config = load_config_file(path)
    assert config.fail_on is Severity.MEDIUM
    assert config.semgrep.scope == "changed_files"
    assert config.semgrep.timeout_s == 30
    assert config.paths.patterns == ("docs/**",)
    assert config.max_file_bytes == 1000
    assert config.source == str(path)
    assert len(config.sha256) == 64


def test_config_errors_raise_config_error_for_library_users(tmp_path: Path) -> None:
    path = tmp_path / "pr-review.yml"
    path.write_text("fail_on: sometimes\n")
    with pytest.raises(ConfigError, match=r"pr-review\.yml:1: fail_on:"):
        load_config_file(path)


@pytest.mark.slow
def test_config_is_read_from_the_base_commit(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """A change cannot loosen its own review: the head's `fail_on: none` does not apply."""
    base = repo.commit({".github/pr-review.yml": "fail_on: high\n", "app/__init__.py": ""}, "base")
    repo.commit({".github/pr-review.yml": "fail_on: none\n", "app/search.py": SQLI}, "loosen and add sqli")

    code = main(["scan", str(repo.path), "--base", base, "--format", "json"], environ=ENV)

    report = json.loads(capsys.readouterr().out)
    assert report["fail_on"] == "high"
    assert any(
        f["severity"] in {"high", "critical"} and f["location"]["path"] == "app/search.py" for f in report["findings"]
    )
    assert code == 1


def test_invalid_config_at_base_names_the_base(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.commit({".github/pr-review.yml": "fail_on: loud\n"}, "base")
    repo.commit({".github/pr-review.yml": "fail_on: high\n"}, "head fixes it, but the base is what counts")
    assert main(["scan", str(repo.path), "--base", base], environ={}) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: .github/pr-review.yml (at base {base[:12]}):1: fail_on: 'loud'")
    assert len(err.splitlines()) == 1


def test_fail_on_flag_overrides_the_file(tmp_path: Path, empty_diff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "pr-review.yml"
    config.write_text("fail_on: low\n")
    assert main(["scan", "--diff", str(empty_diff), "--config", str(config), "--fail-on", "bogus"], environ={}) == 2
    assert "invalid choice: 'bogus'" in capsys.readouterr().err


# ------------------------------------------------------------ unknown keys, in every section (issue 12 §6)


def _object_paths(
    schema: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every object of the config schema that has named settings, with its path (0 for a list item)."""
    if schema.get("properties"):
        yield path, schema
        for key, sub in schema["properties"].items():
            yield from _object_paths(sub, (*path, key))
    if isinstance(schema.get("items"), dict):
        yield from _object_paths(schema["items"], (*path, 0))


SCHEMA_OBJECTS = list(_object_paths(load_schema("config.schema.json")))


def test_every_section_of_the_schema_is_closed() -> None:
    assert {path for path, _ in SCHEMA_OBJECTS} >= {(), ("audit",), ("ignore", 0), ("classification", "health")}
    for path, schema in SCHEMA_OBJECTS:
        assert schema.get("additionalProperties") is False, f"{path}: unknown keys would be accepted"


def _nest(path: tuple[str | int, ...], leaf: dict[str, Any]) -> Any:
    node: Any = leaf
    for key in reversed(path):
        node = [node] if isinstance(key, int) else {key: node}
    return node


@pytest.mark.parametrize(
    ("path", "schema"), SCHEMA_OBJECTS, ids=lambda v: ".".join(map(str, v)) if isinstance(v, tuple) else ""
)
def test_a_typo_in_any_section_is_exit_2_with_file_line_key_and_did_you_mean(
    tmp_path: Path,
    empty_diff: Path,
    path: tuple[str | int, ...],
    schema: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = next(iter(schema["properties"]))
    typo = key + key[-1]
    leaf = {"rule": "x.y", "reason": "accepted", typo: True} if path == ("ignore", 0) else {typo: True}
    stream = io.StringIO()
    YAML().dump(_nest(path, leaf), stream)
    text = "# pr-review settings\n" + stream.getvalue()
    line = next(n for n, content in enumerate(text.splitlines(), start=1) if typo in content)
    dotted = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in (*path, typo)).lstrip(".")

    message = _config_error(tmp_path, empty_diff, text, capsys)

    assert message == f":{line}: {dotted}: unknown key {typo!r} (did you mean {key!r}?)"


def test_an_audit_typo_is_rejected(tmp_path: Path, empty_diff: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = _config_error(tmp_path, empty_diff, "audit:\n  store_promtps: true\n", capsys)
    assert message == ":2: audit.store_promtps: unknown key 'store_promtps' (did you mean 'store_prompts'?)"


def test_the_choices_of_a_map_value_are_listed(
    tmp_path: Path, empty_diff: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`classification.policy` is a map: its values' choices come from the schema that failed, never empty."""
    message = _config_error(tmp_path, empty_diff, "classification:\n  policy:\n    secret: redcat\n", capsys)
    assert message == (
        ":3: classification.policy.secret: 'redcat' is not one of allow, redact, block (did you mean 'redact'?)"
    )


# ------------------------------------------------------------------ hostile YAML (issue 13 §10)

BILLION_LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)

HOSTILE = [
    pytest.param(BILLION_LAUGHS, ":5: the configuration expands to more than 50,000 values", id="billion-laughs"),
    pytest.param("a: &a [1, *a]\n", ":1: alias *a refers to no complete anchor before it", id="recursive-alias"),
    pytest.param("x: " + "[" * 50_000 + "]" * 50_000 + "\n", ":1: nested deeper than 32 levels", id="deep-flow"),
    pytest.param("x:\n" + "".join(" " * i + "- \n" for i in range(60)), ":33: nested deeper than 32", id="deep-block"),
    pytest.param(
        "claude:\n  max_tokens: " + "9" * 5000 + "\n", ":2: invalid YAML: a number of 5000 characters", id="5000-digits"
    ),
    pytest.param("claude:\n  min_confidence: .nan\n", ":2: invalid YAML: '.nan' is not a finite number", id="nan"),
    pytest.param("semgrep:\n  timeout_s: .inf\n", ":2: invalid YAML: '.inf' is not a finite number", id="infinity"),
    pytest.param("semgrep:\n  timeout_s: 1e999\n", ":2: invalid YAML: '1e999' is not a finite number", id="overflow"),
    pytest.param(
        "ignore:\n  - rule: x\n    reason: r\n    expires: 2025-02-30\n",
        ":4: ignore[0].expires: '2025-02-30' is not a date (YYYY-MM-DD)",
        id="bad-date",
    ),
    pytest.param(
        "ignore:\n  - rule: x\n    reason: r\n    expires: '2025-13-01'\n",
        ":4: ignore[0].expires: '2025-13-01' is not a date (YYYY-MM-DD)",
        id="bad-quoted-date",
    ),
    pytest.param(
        "zap:\n  report: !!binary aGVsbG8=\n", ":2: the YAML tag 'tag:yaml.org,2002:binary' is not", id="binary"
    ),
    pytest.param("paths:\n  exclude: !!set {a}\n", ":2: the YAML tag 'tag:yaml.org,2002:set' is not", id="set"),
    pytest.param("fail_on: high\n1: x\n", ":2: (top level): key 1 is not text", id="number-key"),
    pytest.param(
        "github:\n  timeout_s: 1e300\n", ":2: github.timeout_s: 1e+300 is greater than the maximum", id="huge"
    ),
    pytest.param("fail_on: high\n" + "#" * 300_000 + "\n", ": the configuration is over 262,144 bytes", id="too-big"),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE)
def test_hostile_yaml_is_a_config_error_in_bounded_time(
    tmp_path: Path, empty_diff: Path, text: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The time is bounded by the limit each message names (values, depth, digits, bytes), counted
    while reading: the message shows that limit stopped the read."""
    message = _config_error(tmp_path, empty_diff, text, capsys)
    assert message.startswith(expected), message


def test_a_config_that_is_not_utf8_is_a_config_error(
    tmp_path: Path, empty_diff: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "pr-review.yml"
    config.write_bytes(b"fail_on: high\nreason: caf\xe9\n")
    assert main(["scan", "--diff", str(empty_diff), "--config", str(config)], environ={}) == 2
    assert capsys.readouterr().err == f"error: {config}:2: the configuration is not UTF-8 text\n"


@pytest.mark.parametrize(("text", "expected"), [HOSTILE[0], HOSTILE[2], HOSTILE[4], HOSTILE[5], HOSTILE[8]])
def test_a_hostile_config_at_the_base_commit_is_exit_2(
    repo: GitRepo, text: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = repo.commit({".github/pr-review.yml": text, "app/__init__.py": ""}, "base")
    repo.commit({"app/search.py": SQLI}, "change")
    assert main(["scan", str(repo.path), "--base", base], environ=ENV) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith(f"error: .github/pr-review.yml (at base {base[:12]}){expected}"), err


def _ordinary(length: int) -> str:
    """A plain configuration of about `length` characters."""
    return "fail_on: high\npaths:\n  exclude:\n" + "    - 'vendor/**'\n" * (length // 18 + 1)


def _load_or_refuse(text: str) -> None:
    with contextlib.suppress(ConfigError):
        load_config_text(text, "pr-review.yml")


# A YAML-ish alphabet: the syntax a hostile file is made of, and the schema's own keys.
_FRAGMENTS = [
    "\n",
    "  ",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!binary ",
    "!!set ",
    "!x ",
    "? ",
    "'",
    '"',
    "#",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "9" * 50,
    "1e999",
    ".nan",
    "-.inf",
    "0x1F",
    "2025-02-30",
    "2025-06-30",
    "~",
    "null",
    "true",
    "\t",
    "\\u0000",
    "\x00",
    "\ufeff",
    "%YAML 1.1\n",
    "%TAG ! x\n",
    "fail_on",
    "high",
    "ignore",
    "rule",
    "reason",
    "expires",
    "audit",
    "store_prompts",
    "claude",
    "semgrep",
    "classification",
    "policy",
    "paths",
    "zap",
    "options",
    "timeout_s",
    "min_confidence",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=400), st.lists(st.sampled_from(_FRAGMENTS), max_size=120).map("".join)))
def test_any_config_text_is_exit_0_or_2_in_bounded_time(tmp_path: Path, empty_diff: Path, text: str) -> None:
    config = tmp_path / "pr-review.yml"
    config.write_text(text, encoding="utf-8", errors="surrogatepass")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["scan", "--diff", str(empty_diff), "--config", str(config)], environ={})
    assert code in (0, 2), err.getvalue()
    # Attacker text costs at most a few hundred times an ordinary configuration of the same size.
    assert_costs_at_most(_load_or_refuse, lambda k: text + "\n" * k, lambda k: _ordinary(len(text) + k), 300)
    if code == 2:
        assert err.getvalue().startswith(f"error: {config}")
