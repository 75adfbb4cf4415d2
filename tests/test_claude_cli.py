"""`pr-review scan` with Claude at the loopback fake: findings from Claude and Semgrep, exit codes."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from claude_support import finding, user_content
from conftest import EXAMPLE_DIFF, EXAMPLE_DIR
from fakes import AnthropicFault, FakeAnthropic, fake_anthropic_server

from pr_review.cli import main


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as server:
        server.default_tool_input = {"findings": [finding("app/views.py", 29, 30)]}
        yield server


def scan(fake: FakeAnthropic, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    environ = {
        "ANTHROPIC_API_KEY": "k",
        "ANTHROPIC_BASE_URL": fake.url,
        "PATH": os.environ.get("PATH", ""),
        "SEMGREP_ENABLE_VERSION_CHECK": "0",
        "SEMGREP_SEND_METRICS": "off",
    }
    argv = ["scan", str(EXAMPLE_DIR), "--diff", str(EXAMPLE_DIFF), "--format", "json", *extra]
    code = main(argv, environ=environ)
    return code, json.loads(capsys.readouterr().out)


def _config(tmp_path: Path, on_failure: str) -> str:
    path = tmp_path / "pr-review.yml"
    # Semgrep stays on: with `continue` the review completes on Semgrep's results alone.
    path.write_text(f"claude:\n  on_failure: {on_failure}\n  max_attempts: 2\n")
    return str(path)


def test_scan_returns_findings_from_claude_and_semgrep(fake: FakeAnthropic, capsys: pytest.CaptureFixture[str]) -> None:
    code, document = scan(fake, capsys)
    assert code == 0
    sources = {source for f in document["findings"] for source in f["sources"]}
    assert {"claude", "semgrep"} <= sources
    claude = next(a for a in document["analyzers"] if a["name"] == "claude")
    assert claude["status"] == "ok"
    assert claude["metadata"]["provider"] == "anthropic"
    assert document["tool"]["prompt_sha256"] == claude["metadata"]["prompt_sha256"]
    # Claude (lines 29-30) and Semgrep (line 30) agree on the SQL injection: one merged finding.
    sql = next(f for f in document["findings"] if "claude" in f["sources"])
    assert sql["location"]["path"] == "app/views.py"
    assert sql["location"]["start_line"] in (29, 30)
    assert set(sql["sources"]) == {"claude", "semgrep"}
    sent = user_content(fake.message_requests()[0])
    assert "s3cr3t-partner-pw-2024" not in sent  # redacted before it reached the model


@pytest.mark.parametrize(("on_failure", "exit_code"), [("continue", 0), ("fail", 3)])
def test_claude_failure_exit_code_follows_on_failure(
    fake: FakeAnthropic, capsys: pytest.CaptureFixture[str], tmp_path: Path, on_failure: str, exit_code: int
) -> None:
    fake.inject(AnthropicFault.overloaded(), times=5)
    code, document = scan(fake, capsys, "--config", _config(tmp_path, on_failure))
    assert code == exit_code
    claude = next(a for a in document["analyzers"] if a["name"] == "claude")
    assert claude["status"] == "failed"
    assert claude["detail"].startswith("Anthropic API overloaded (529) after 2 attempts")
    assert any("secrets" in f["sources"] for f in document["findings"])  # the other analyzers' findings stay
    assert {n["path"] for n in document["not_reviewed"] if n.get("analyzer") == "claude"} == {
        "app/settings.py",
        "app/views.py",
    }
