"""Configuration errors a user sees (exit 2, one line: file, line, key), and where config comes from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import GitRepo

from pr_review.cli import main
from pr_review.config import DEFAULT_EXCLUDES, build_config, load_config_file
from pr_review.errors import ConfigError
from pr_review.models import Severity

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
