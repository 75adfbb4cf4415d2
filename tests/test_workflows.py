"""The Action, the project's workflows and the adopters' examples pass actionlint and zizmor;
`pr-review init` writes what the repository ships; the lock file pins everything with hashes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from pr_review.cli import main
from pr_review.config_loader import load_config_file

BIN = Path(sys.executable).parent
WORKFLOWS = sorted([*(ROOT / ".github" / "workflows").glob("*.yml"), *(ROOT / "examples" / "workflows").glob("*.yml")])


def _tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed for this platform (dev extra installs it on linux x86_64)")
    return found


def test_workflows_pass_actionlint() -> None:
    result = subprocess.run([_tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_and_action_pass_zizmor_offline() -> None:
    targets = [str(ROOT / "action.yml"), *map(str, WORKFLOWS)]
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", *targets], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_third_party_actions_are_pinned_to_commit_shas() -> None:
    for path in [ROOT / "action.yml", *WORKFLOWS]:
        for ref in re.findall(r"uses:\s*([^\s#]+)", path.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned to a sha"


def test_workflows_grant_least_privilege() -> None:
    for path in WORKFLOWS:
        text = path.read_text()
        assert "permissions: {}" in text, f"{path.name} must default to no permissions"
        assert "contents: write" not in text


def test_init_writes_the_shipped_workflow_and_a_valid_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path)], environ={}) == 0
    workflow = tmp_path / ".github" / "workflows" / "security-review.yml"
    assert workflow.read_text() == (ROOT / ".github" / "workflows" / "security-review.yml").read_text()
    config = load_config_file(tmp_path / ".github" / "pr-review.yml")
    assert config.escalation.label == "security-escalation"
    assert main(["init", str(tmp_path)], environ={}) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["init", str(tmp_path), "--force"], environ={}) == 0


def test_lock_file_pins_every_requirement_with_hashes() -> None:
    text = (ROOT / "requirements.lock").read_text()
    requirements = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", text, re.MULTILINE)
    names = {name.lower().replace("_", "-") for name, _ in requirements}
    assert {"semgrep", "anthropic", "pygithub", "jsonschema", "tenacity", "unidiff", "hatchling"} <= names
    assert ("semgrep", "1.182.0") in {(n.lower(), v) for n, v in requirements}
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.strip())
    assert all("--hash=sha256:" in block for block in blocks if re.match(r"[A-Za-z0-9_.-]+==", block))
