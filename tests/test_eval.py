"""`pr-review eval` as a user runs it: a small suite through real Semgrep and Claude at the loopback
fake (one that reports every added region, one that reports nothing), the history, drift, exit codes."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from claude_support import finds_every_added_region
from conftest import ROOT, Run, run_main
from fakes import AnthropicFault, FakeAnthropic, fake_anthropic_server, tool_use_response

pytestmark = pytest.mark.slow

SUITE = ROOT / "eval-suite"
# One flaw Semgrep finds, its safe look-alike, and a missing authorization only a model can see.
CASES = ("py-sqli-django-raw", "py-safe-sqli-params", "py-authz-missing-admin-delete")
BASE_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "HOME": os.environ.get("HOME", ""),
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
    "SEMGREP_SEND_METRICS": "off",
}


def run(argv: list[str], environ: Mapping[str, str]) -> Run:
    return run_main(argv, environ)


def finds_nothing(request: dict[str, Any]) -> dict[str, Any]:
    return tool_use_response({"findings": []})


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("suite") / "small"
    for case in CASES:
        shutil.copytree(SUITE / case, directory / case)
    return directory


@pytest.fixture(scope="module")
def anthropic() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as server:
        yield server


def with_model(fake: FakeAnthropic) -> dict[str, str]:
    return {**BASE_ENV, "ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": fake.url}


@dataclass(frozen=True)
class Drifted:
    first: Run
    second: Run
    history: Path
    markdown: Path
    chart: Path


@pytest.fixture(scope="module")
def drifted(suite: Path, anthropic: FakeAnthropic, tmp_path_factory: pytest.TempPathFactory) -> Drifted:
    """The same suite twice into one history: a model that finds everything, then one that finds nothing."""
    out = tmp_path_factory.mktemp("drift")
    history, markdown, chart = out / "history.jsonl", out / "eval.md", out / "eval.png"
    argv = ["eval", "--suite", str(suite), "--history", str(history), "--json"]
    anthropic.responder = finds_every_added_region
    first = run(argv, with_model(anthropic))
    anthropic.responder = finds_nothing
    second = run([*argv, "--markdown", str(markdown), "--chart", str(chart)], with_model(anthropic))
    return Drifted(first, second, history, markdown, chart)


def test_a_model_that_reports_everything_detects_every_flaw_and_flags_every_safe_case(drifted: Drifted) -> None:
    report = drifted.first.json()
    assert drifted.first.code == 0
    assert report["model"]["evaluated"] is True
    assert report["overall"]["recall"] == 1.0
    assert report["overall"]["fp_rate"] == 1.0
    assert report["cases"]["py-authz-missing-admin-delete"]["by"] == ["claude"]
    assert set(report["cases"]["py-sqli-django-raw"]["by"]) == {"claude", "semgrep"}
    assert report["per_class"]["CWE-862"]["recall"] == 1.0
    assert report["per_analyzer"]["claude"] == {"detected": 2, "false_positives": 1, "recall": 1.0, "fp_rate": 1.0}
    assert report["tokens"]["input"] > 0
    assert report["cost_usd"] > 0  # the fake echoes claude-sonnet-*: priced
    assert report["compared_with"] is None


def test_progress_names_each_case_on_stderr(drifted: Drifted) -> None:
    assert [line for line in drifted.first.err.splitlines() if line.startswith("case ")] == [
        f"case {n}/3 {case}" for n, case in enumerate(sorted(CASES), 1)
    ]


def test_a_model_that_reports_nothing_leaves_what_semgrep_finds(drifted: Drifted) -> None:
    report = drifted.second.json()
    assert report["overall"]["recall"] == 0.5
    assert report["overall"]["fp_rate"] == 0.0
    assert report["cases"]["py-sqli-django-raw"]["by"] == ["semgrep"]
    assert "claude" not in report["per_analyzer"]


def test_a_worse_second_run_is_drift_naming_the_flipped_cases(drifted: Drifted) -> None:
    assert drifted.second.code == 1
    report = drifted.second.json()
    assert report["compared_with"] == drifted.first.json()["date"]
    moves = {(d["scope"], d["metric"]): d for d in report["drift"]}
    assert moves["overall", "recall"]["flipped"] == ["py-authz-missing-admin-delete"]
    assert moves["overall", "recall"]["worse"] is True
    assert moves["CWE-862", "recall"]["flipped"] == ["py-authz-missing-admin-delete"]
    # Fewer false positives is a move for the better: listed, and it does not fail the run on its own.
    assert moves["overall", "fp_rate"]["worse"] is False


def test_each_run_is_one_valid_history_line(drifted: Drifted) -> None:
    lines = drifted.history.read_text().splitlines()
    assert len(lines) == 2
    entries = [json.loads(line) for line in lines]
    assert entries[0]["suite"]["sha256"] == entries[1]["suite"]["sha256"]
    assert entries[1]["overall"]["recall"] == 0.5
    assert entries[1]["model"]["prompt_sha256"] == entries[0]["model"]["prompt_sha256"]


def test_markdown_report_and_chart(drifted: Drifted) -> None:
    text = drifted.markdown.read_text()
    assert "DRIFT: overall: recall dropped from 100% to 50% (flipped: py-authz-missing-admin-delete)" in text
    assert "| py-authz-missing-admin-delete | CWE-862 | vulnerable | MISSED | - |" in text
    assert "![figures over time](eval.png)" in text
    assert drifted.chart.read_bytes().startswith(b"\x89PNG")


def test_moves_within_the_threshold_are_not_drift(suite: Path, anthropic: FakeAnthropic, tmp_path: Path) -> None:
    history = tmp_path / "history.jsonl"
    argv = ["eval", "--suite", str(suite), "--history", str(history), "--threshold", "0.5", "--json"]
    anthropic.responder = finds_nothing
    assert run(argv, with_model(anthropic)).code == 0
    anthropic.responder = finds_every_added_region
    noisier = run(argv, with_model(anthropic))
    assert noisier.code == 1
    moves = {(d["scope"], d["metric"], d["worse"]): d["flipped"] for d in noisier.json()["drift"]}
    # Overall recall rose by exactly 0.5: within the threshold, so not listed; the safe case that is
    # now reported on is the false-positive drift, overall and in its class.
    assert moves == {
        ("overall", "fp_rate", True): ["py-safe-sqli-params"],
        ("CWE-89", "fp_rate", True): ["py-safe-sqli-params"],
        ("CWE-862", "recall", False): ["py-authz-missing-admin-delete"],
    }


def test_a_run_without_claude_is_never_the_baseline_of_one_with_it(
    suite: Path, anthropic: FakeAnthropic, tmp_path: Path
) -> None:
    history = tmp_path / "history.jsonl"
    argv = ["eval", "--suite", str(suite), "--history", str(history), "--json"]
    keyless = run(argv, BASE_ENV)
    assert keyless.code == 0
    assert keyless.json()["model"]["evaluated"] is False
    anthropic.responder = finds_nothing
    with_claude = run(argv, with_model(anthropic))  # as weak as Semgrep alone: no drift against it

    assert with_claude.code == 0
    assert with_claude.json()["compared_with"] is None
    assert run(argv, BASE_ENV).json()["compared_with"] == keyless.json()["date"]


def one_case_suite(tmp_path: Path, case: str = "py-authz-missing-admin-delete") -> Path:
    shutil.copytree(SUITE / case, tmp_path / "one" / case)
    return tmp_path / "one"


def test_without_an_api_key_the_report_says_claude_was_not_evaluated(tmp_path: Path) -> None:
    result = run(["eval", "--suite", str(one_case_suite(tmp_path))], BASE_ENV)
    assert result.code == 0
    assert "Claude: NOT evaluated" in result.out
    assert "note: Claude was not evaluated: no API key (ANTHROPIC_API_KEY is not set)" in result.out


def test_a_review_that_could_not_complete_exits_3_and_is_not_recorded(anthropic: FakeAnthropic, tmp_path: Path) -> None:
    config = tmp_path / "pr-review.yml"
    config.write_text("claude:\n  max_attempts: 1\n")
    history = tmp_path / "history.jsonl"
    anthropic.inject(AnthropicFault.overloaded(), times=5)
    try:
        argv = ["eval", "--suite", str(one_case_suite(tmp_path)), "--config", str(config), "--history", str(history)]
        result = run(argv, with_model(anthropic))
    finally:
        anthropic.clear()
    assert result.code == 3
    assert "INCOMPLETE: py-authz-missing-admin-delete: claude: Anthropic API overloaded (529)" in result.out
    assert not history.exists()


@pytest.mark.parametrize(
    ("break_suite", "message"),
    [
        (lambda s: (s / "py-authz-missing-admin-delete" / "case.json").write_text("{"), "case.json is not JSON"),
        (
            lambda s: (s / "py-authz-missing-admin-delete" / "case.json").write_text(
                json.dumps({"language": "python", "cwe": "89", "vulnerable": True, "file": "a.py", "flaw_line": 1})
            ),
            "violates eval-case.schema.json: $.cwe",
        ),
        (
            lambda s: (s / "py-authz-missing-admin-delete" / "case.json").write_text(
                json.dumps({"language": "python", "cwe": "CWE-89", "vulnerable": True, "file": "no.py", "flaw_line": 1})
            ),
            "its labelled file 'no.py' is not in head/",
        ),
        (lambda s: shutil.rmtree(s / "py-authz-missing-admin-delete"), "no cases"),
    ],
)
def test_a_bad_suite_is_a_usage_error(tmp_path: Path, break_suite: Callable[[Path], object], message: str) -> None:
    suite = one_case_suite(tmp_path)
    break_suite(suite)
    result = run(["eval", "--suite", str(suite)], BASE_ENV)
    assert result.code == 2
    assert message in result.err


def test_a_damaged_history_is_refused_before_the_run(tmp_path: Path) -> None:
    history = tmp_path / "history.jsonl"
    history.write_text('{"date": "yesterday"}\n')
    result = run(["eval", "--suite", str(one_case_suite(tmp_path)), "--history", str(history)], BASE_ENV)
    assert result.code == 2
    assert f"{history}:1: violates eval-history.schema.json" in result.err
    assert "case 1/1" not in result.err


def test_an_output_in_a_missing_directory_is_refused_before_the_run(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "history.jsonl"
    result = run(["eval", "--suite", str(one_case_suite(tmp_path)), "--history", str(missing)], BASE_ENV)
    assert result.code == 2
    assert f"no such directory for {missing}" in result.err
    assert "case 1/1" not in result.err
