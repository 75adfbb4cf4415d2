"""The wheel, installed on its own, finds its schemas, prompts and rules and runs a review.

The wheel goes into a fresh venv with --no-deps; the dependencies come from this venv's
site-packages, put on sys.path *after* the fresh venv's own (a path line in a .pth file, so this
venv's editable install of the source tree is not picked up).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import EXAMPLE_DIFF, EXAMPLE_DIR, ROOT

pytestmark = pytest.mark.slow

PROBE = """
import json, sys
import pr_review
from pr_review import resources, rulepack
print(json.dumps({
    "package": pr_review.__file__,
    "finding_schema": str(resources.schema_path("finding.schema.json")),
    "report_schema_loads": bool(resources.load_schema("report.schema.json")),
    "prompts": sorted(p.name for p in resources.data_dir("prompts").iterdir()),
    "rules": len(rulepack.list_rules([rulepack.RULES_DIR])),
    "eval_suite": str(resources.data_dir("eval-suite")),
    "sys_path": sys.path,
}))
"""


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode in (0, 1), f"{argv}: {completed.stdout}\n{completed.stderr}"
    return completed


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("packaging")
    dist = tmp / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)], cwd=tmp)
    (wheel,) = dist.glob("*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp)
    python = venv / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        cwd=tmp,
    )
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp).stdout.strip()
    )
    (site / "zz_dependencies_from_dev_venv.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


@pytest.fixture(scope="module")
def probe(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    cwd = tmp_path_factory.mktemp("elsewhere")
    completed = _run([str(installed / "bin" / "python"), "-c", PROBE], cwd=cwd, env=_clean_env())
    result: dict[str, object] = json.loads(completed.stdout)
    return result


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "ANTHROPIC_API_KEY"}}
    # semgrep_binary() falls back to `semgrep` on PATH when none sits beside the interpreter.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_the_installed_package_is_imported_not_the_source_tree(installed: Path, probe: dict[str, object]) -> None:
    package = Path(str(probe["package"]))
    assert package.is_relative_to(installed)
    assert not package.is_relative_to(ROOT / "pr_review")


def test_schemas_prompts_and_rules_ship_inside_the_wheel(installed: Path, probe: dict[str, object]) -> None:
    schema = Path(str(probe["finding_schema"]))
    assert schema.is_relative_to(installed)
    assert schema.is_file()
    assert probe["report_schema_loads"] is True
    assert {"system.md"} <= set(probe["prompts"])  # type: ignore[call-overload]
    assert isinstance(probe["rules"], int)
    assert probe["rules"] >= 10
    suite = Path(str(probe["eval_suite"]))  # `pr-review eval`'s default suite
    assert suite.is_relative_to(installed)
    assert len(list(suite.glob("*/case.json"))) == len(list((ROOT / "eval-suite").glob("*/case.json")))


def test_installed_console_script_reviews_the_example(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    completed = _run(
        [
            str(installed / "bin" / "pr-review"),
            "scan",
            str(EXAMPLE_DIR),
            "--diff",
            str(EXAMPLE_DIFF),
            "--out",
            str(out),
        ],
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    report = json.loads((out / "findings.json").read_text())
    assert any("CWE-89" in f["cwe"] for f in report["findings"])
    semgrep = next(a for a in report["analyzers"] if a["name"] == "semgrep")
    assert semgrep["status"] == "ok"


def test_release_artifacts_carry_the_license_and_a_semgrep_range(tmp_path: Path) -> None:
    """What PyPI gets: the Apache-2.0 text in both, and Semgrep as a range so pr-review installs
    beside a team's own `semgrep ci` (requirements.lock pins the exact version for the Action)."""
    import tarfile
    import zipfile

    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)], cwd=tmp_path)
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    license_text = (ROOT / "LICENSE").read_text()
    assert "Apache License\n                           Version 2.0, January 2004" in license_text
    assert "END OF TERMS AND CONDITIONS" in license_text
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        shipped_license = next(n for n in names if n.endswith("/LICENSE") and ".dist-info/" in n)
        assert archive.read(shipped_license).decode() == license_text
    assert "License-Expression: Apache-2.0" in metadata
    semgrep = next(line for line in metadata.splitlines() if line.startswith("Requires-Dist: semgrep"))
    assert semgrep.replace(" ", "") in {"Requires-Dist:semgrep<2,>=1.182", "Requires-Dist:semgrep>=1.182,<2"}
    with tarfile.open(sdist) as archive:
        assert any(name.endswith("/LICENSE") for name in archive.getnames())
