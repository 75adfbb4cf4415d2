"""The Action, the project's workflows and the adopters' examples pass actionlint and zizmor;
`pr-review init` writes what the repository ships; the lock file pins everything with hashes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from ruamel.yaml import YAML

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


# The one reference by tag: pr-review itself in the templates adopters copy, next to the instruction
# to replace the tag with the release's commit sha (.github/zizmor.yml allows it here only).
OWN_RELEASE = re.compile(r"pr-review/pr-review-sentinel@v\d+\.\d+\.\d+")
PIN_INSTRUCTION = "git ls-remote --tags https://github.com/pr-review/pr-review-sentinel v0.1.0"


def _uses(text: str) -> list[str]:
    """Every action reference, in steps and in commented-out (opt-in) steps alike."""
    return re.findall(r"^[\s#-]*uses:\s*([^\s#]+)", text, re.MULTILINE)


def test_third_party_actions_are_pinned_to_commit_shas() -> None:
    for path in [ROOT / "action.yml", *WORKFLOWS]:
        for ref in _uses(path.read_text()):
            if OWN_RELEASE.fullmatch(ref):
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned to a sha"


def test_pr_review_is_named_by_a_release_tag_with_the_instruction_to_pin_its_sha() -> None:
    """Adopters copy these: a real tag that resolves, and how to turn it into a commit pin."""
    shipped = [ROOT / "README.md", ROOT / "pr_review" / "templates" / "security-review.yml", *WORKFLOWS]
    for path in shipped:
        text = path.read_text()
        assert "@" + "0" * 40 not in text, f"{path.name}: a placeholder sha that does not resolve"
        own = [ref for ref in _uses(text) if ref.startswith("pr-review/pr-review-sentinel@")]
        assert all(ref == "pr-review/pr-review-sentinel@v0.1.0" for ref in own), path.name
        if own or "pr-review/pr-review-sentinel@$" in text:
            assert "commit sha" in text, f"{path.name}: no instruction to pin the release's commit sha"
    assert PIN_INSTRUCTION in (ROOT / "pr_review" / "templates" / "security-review.yml").read_text()
    assert PIN_INSTRUCTION in (ROOT / "README.md").read_text()


def test_sarif_goes_to_code_scanning() -> None:
    """The examples upload results.sarif under the pr-review category; the init workflow offers it."""
    untrusted = (ROOT / "examples" / "workflows" / "pr-review-untrusted.yml").read_text()
    assert "security-events: write" in untrusted
    assert "sarif_file: ${{ steps.review.outputs.sarif-file }}" in untrusted
    assert "category: pr-review" in untrusted
    template = (ROOT / "pr_review" / "templates" / "security-review.yml").read_text()
    assert "# security-events: write" in template
    assert "#     category: pr-review" in template
    head, block = template.split("      # - name: Upload to code scanning")
    enabled = head.replace("# security-events: write", "security-events: write").replace(
        "# actions: read", "actions: read"
    ) + re.sub(r"(?m)^      # ", "      ", "      # - name: Upload to code scanning" + block)
    assert "      - name: Upload to code scanning" in enabled
    opt_in = Path(ROOT / "build-opt-in.yml")
    try:
        opt_in.write_text(enabled)
        result = subprocess.run([_tool("actionlint"), str(opt_in)], capture_output=True, text=True, check=False)
    finally:
        opt_in.unlink()
    assert result.returncode == 0, result.stdout + result.stderr


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


def test_the_action_never_imports_a_module_from_the_checkout() -> None:
    """Its steps run in the pull request's checkout: `python -m pip` there would import a pip/ folder
    the PR adds (with the job's secrets at hand). -P leaves the working directory off sys.path."""
    text = (ROOT / "action.yml").read_text()
    commands = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    module_runs = re.findall(r"(?i)python\"?((?: -\w+)*) -m (\w+)", commands)
    assert {module for _, module in module_runs} >= {"venv", "pip", "pr_review"}
    assert all("-P" in flags.split() for flags, _ in module_runs), module_runs
    assert "pr-review-venv/bin/pr-review" not in text


def test_readme_shows_the_workflow_init_writes() -> None:
    template = (ROOT / "pr_review" / "templates" / "security-review.yml").read_text()
    body = template.split("\n", 2)[2]
    assert "# .github/workflows/security-review.yml\n" + body in (ROOT / "README.md").read_text()


def _release() -> dict[str, Any]:
    workflow: dict[str, Any] = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    return workflow


def test_release_builds_attests_and_publishes_with_least_privilege_per_job() -> None:
    release = _release()
    assert release["on"] == {"push": {"tags": ["v*"]}}
    jobs = release["jobs"]
    assert release["permissions"] == {}
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "build": {"contents": "read"},
        "attest": {"id-token": "write", "attestations": "write"},
        "publish": {"id-token": "write"},
    }
    uses = {name: [step.get("uses", "").split("@")[0] for step in job["steps"]] for name, job in jobs.items()}
    assert "actions/attest-build-provenance" in uses["attest"]
    assert "pypa/gh-action-pypi-publish" in uses["publish"]
    assert jobs["attest"]["needs"] == "build"
    assert set(jobs["publish"]["needs"]) == {"build", "attest"}
    assert jobs["publish"]["environment"]["name"] == "pypi"
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text()
    assert "secrets." not in text  # trusted publishing: no token to leak


@pytest.mark.parametrize(("tag", "passes"), [("v0.1.0", True), ("v0.2.0", False), ("0.1.0", False)])
def test_release_refuses_a_tag_that_is_not_the_package_version(tag: str, passes: bool) -> None:
    from pr_review import __version__

    assert __version__ == "0.1.0"
    step = next(s for s in _release()["jobs"]["build"]["steps"] if s.get("name") == "The tag is the package's version")
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        env={"PATH": "/usr/bin:/bin", "TAG": tag},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    if not passes:
        assert f"tag {tag} does not match" in result.stdout
