"""The architecture holds: every module of pr_review imports on its own (no import cycle that only
a lucky import order hides). Which package may import which is checked by `lint-imports`
(pyproject.toml's [tool.importlinter], run by scripts/test); docs/architecture.md explains both."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

# One fresh interpreter; before each module every pr_review module is forgotten, so each is
# imported as if it were the first thing a user imported. Third-party libraries stay loaded: fast.
PROBE = """
import importlib, json, pkgutil, sys
import pr_review
names = ["pr_review", *sorted(m.name for m in pkgutil.walk_packages(pr_review.__path__, "pr_review."))]
failures = {}
for name in names:
    if name == "pr_review.__main__":  # runs the command line when imported
        continue
    for loaded in [m for m in sys.modules if m == "pr_review" or m.startswith("pr_review.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failures[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps({"imported": names, "failures": failures}))
"""


def test_every_module_imports_on_its_own_in_a_fresh_interpreter() -> None:
    completed = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert report["failures"] == {}
    # The probe saw every module of the package (the Semgrep rules' test files are not modules).
    package = ROOT / "pr_review"
    modules = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in package.rglob("*.py")
        if "rules" not in path.relative_to(package).parts
    }
    assert set(report["imported"]) == modules
    assert "pr_review.outcome" in modules  # once importable only after the analyzers
