"""The Action's `model`, `exclude` and `token-budget` inputs: the flags they become, and what those
flags do to a review through `pr-review run` against the GitHub and Anthropic fakes."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from claude_support import finding
from conftest import ROOT, GitRepo
from fakes import FakeGitHub, fake_anthropic_server, fake_github_server
from github_scenario import Scenario, build_scenario
from ruamel.yaml import YAML

from pr_review.analyzers.claude.chunks import CHARS_PER_TOKEN
from pr_review.analyzers.claude.prompt import MetaBlock, fixed_overhead
from pr_review.cli import main


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    with fake_github_server() as server:
        yield server


def _review_step() -> dict[str, Any]:
    action = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step: dict[str, Any] = next(s for s in action["runs"]["steps"] if s.get("id") == "review")
    return step


def _argv_of_review_step(tmp_path: Path, **inputs: str) -> list[str]:
    """Run the Action's review step with a stand-in interpreter that records its arguments."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    recorded = tmp_path / "argv.json"
    stand_in = venv / "bin" / "python"
    record = f'import json, sys\nopen("{recorded}", "w").write(json.dumps(sys.argv[1:]))\n'
    stand_in.write_text("#!/usr/bin/env python3\n" + record)
    stand_in.chmod(0o755)
    workspace = tmp_path / "workspace"
    (workspace / "docs").mkdir(parents=True)
    (workspace / "docs" / "a.md").write_text("a glob in the inputs must not match files here\n")
    step = _review_step()
    env = {
        **dict.fromkeys(step["env"], ""),  # GitHub sets every variable the step names, empty when unset
        "PATH": "/usr/bin:/bin",
        "VENV": str(venv),
        "INPUT_MODE": "run",
        "INPUT_RESULTS_DIR": "pr-review-results",
        "INPUT_POST": "true",
        **{f"INPUT_{name.upper()}": value for name, value in inputs.items()},
    }
    # The shell GitHub runs for `shell: bash`: bash --noprofile --norc -eo pipefail.
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
    subprocess.run(command, env=env, cwd=workspace, check=True)
    argv: list[str] = json.loads(recorded.read_text())
    return argv


def test_action_inputs_become_flags_unexpanded(tmp_path: Path) -> None:
    argv = _argv_of_review_step(
        tmp_path,
        model="claude-opus-4-1",
        token_budget="20000",
        exclude="docs/*\n  generated/**/*.py  \n\nvendor dir/**\n",
    )
    # -P: a pr_review/ folder in the pull request's checkout (the working directory) is never imported.
    assert argv[:4] == ["-P", "-m", "pr_review", "run"]
    assert argv[argv.index("--model") + 1] == "claude-opus-4-1"
    assert argv[argv.index("--token-budget") + 1] == "20000"
    excludes = [argv[i + 1] for i, arg in enumerate(argv) if arg == "--exclude"]
    assert excludes == ["docs/*", "generated/**/*.py", "vendor dir/**"]


def test_empty_action_inputs_add_no_flags(tmp_path: Path) -> None:
    argv = _argv_of_review_step(tmp_path, model="", token_budget="", exclude="")
    assert argv == ["-P", "-m", "pr_review", "run", "--out", "pr-review-results"]


def test_publish_mode_posts_the_downloaded_results(tmp_path: Path) -> None:
    """The privileged workflow's one step: no PR number or sha passes through the inputs."""
    argv = _argv_of_review_step(tmp_path / "a", mode="publish")
    assert argv == ["-P", "-m", "pr_review", "publish", "--results", "pr-review-results"]
    argv = _argv_of_review_step(tmp_path / "b", mode="publish", results="downloaded", fail_on="high")
    assert argv == ["-P", "-m", "pr_review", "publish", "--results", "downloaded", "--fail-on", "high"]


@pytest.mark.parametrize(("inputs"), [{"mode": "publish", "model": "claude-opus-4-1"}, {"mode": "review"}])
def test_a_mode_that_cannot_apply_fails_the_step(tmp_path: Path, inputs: dict[str, str]) -> None:
    with pytest.raises(subprocess.CalledProcessError) as failed:
        _argv_of_review_step(tmp_path, **inputs)
    assert failed.value.returncode == 2
    assert not (tmp_path / "argv.json").exists()


def _findings_document(results: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((results / "findings.json").read_text(encoding="utf-8"))
    return document


def _run_with_claude(scenario: Scenario, *flags: str) -> tuple[int, list[dict[str, Any]]]:
    with fake_anthropic_server() as claude:
        claude.default_tool_input = {"findings": [finding("app/views.py", 43, cwe="CWE-20", title="Unchecked import")]}
        code = scenario.run(*flags, ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url)
        return code, claude.message_requests()


def test_model_and_exclude_reach_the_review(fake_github: FakeGitHub, repo: GitRepo, tmp_path: Path) -> None:
    scenario = build_scenario(fake_github, repo, tmp_path)
    code, requests = _run_with_claude(scenario, "--model", "claude-opus-4-1", "--exclude", "app/settings.py")
    assert code == 0  # fail_on: none
    assert requests
    assert {request["model"] for request in requests} == {"claude-opus-4-1"}
    assert "app/settings.py" not in json.dumps([request["messages"] for request in requests])
    document = _findings_document(scenario.results)
    assert document["findings"]
    assert not [f for f in document["findings"] if f["location"]["path"] == "app/settings.py"]
    reasons = {entry["path"]: entry["reason"] for entry in document["not_reviewed"]}
    assert reasons["app/settings.py"] == "excluded by paths.exclude pattern 'app/settings.py'"


def test_a_smaller_token_budget_means_more_smaller_requests(
    fake_github: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    module = "".join(f"LIMIT_{i} = {i}  # a setting\n" for i in range(80))  # ~2 kB, ~500 tokens each
    scenario = build_scenario(fake_github, repo, tmp_path, head_files={"app/a.py": module, "app/b.py": module})
    whole_code, whole = _run_with_claude(scenario)
    # Room for one rendered file (~2.6 kB, ~650 tokens) beyond what every request spends before any
    # code (the fixed prompt, the tool definitions and the PR's text, ~120 tokens), not for two.
    fixed = fixed_overhead(None, MetaBlock("", (), False), lookups=True) // CHARS_PER_TOKEN
    split_code, split = _run_with_claude(scenario, "--token-budget", str(fixed + 1000))
    assert (whole_code, split_code) == (0, 0)
    assert len(whole) == 1
    assert len(split) > 1


@pytest.mark.parametrize("budget", ["999", "100000001", "lots"])
def test_token_budget_out_of_bounds_is_a_usage_error(budget: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--diff", "/dev/null", "--token-budget", budget], environ={}) == 2
    err = capsys.readouterr().err
    assert "--token-budget" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("value", "full"), [("true", True), ("false", False), ("", False)])
def test_the_full_review_input_becomes_the_full_flag(tmp_path: Path, value: str, full: bool) -> None:
    argv = _argv_of_review_step(tmp_path, full_review=value)
    assert ("--full" in argv) is full
