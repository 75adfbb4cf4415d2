"""Check that rule-pack benchmark cases are well-formed, without scanning them.

Usage:  python benchmarks/rulepack/check_cases.py [SET ...]   (default: every set run.py scores)

For each case: ``case.json`` has its keys (and a ``source`` in ``independent/``), the head file exists,
``flaw_line`` is a non-blank line of it and one of the lines the change adds (as run.py computes them
from the base and head commits).  Exits 1 and lists the problems when a case is malformed.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from run import HERE, SETS, build_repo

REQUIRED = {"language", "cwe", "vulnerable", "file", "flaw_line"}


def case_problems(set_name: str, case_dir: Path, work: Path) -> list[str]:
    meta = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    problems = [f"case.json lacks {key}" for key in sorted(REQUIRED - meta.keys())]
    if set_name == "independent" and not str(meta.get("source", "")).strip():
        problems.append("case.json lacks its source")
    if problems:
        return problems
    head = case_dir / "head" / meta["file"]
    if not head.is_file():
        return [f"head/{meta['file']} does not exist"]
    lines = head.read_text(encoding="utf-8").splitlines()
    flaw = int(meta["flaw_line"])
    if not 1 <= flaw <= len(lines) or not lines[flaw - 1].strip():
        return [f"flaw_line {flaw} is not a non-blank line of head/{meta['file']} ({len(lines)} lines)"]
    _, added = build_repo(case_dir, work / case_dir.name)
    if flaw not in added.get(meta["file"], set()):
        problems.append(f"flaw_line {flaw} is not a line the change adds")
    return problems


def main(argv: list[str]) -> int:
    names = argv or [name for name, _ in SETS]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="rulepack-check-") as tmp:
        for name in names:
            case_dirs = sorted(p.parent for p in (HERE / name).glob("*/case.json"))
            vulnerable = 0
            for case_dir in case_dirs:
                vulnerable += bool(json.loads((case_dir / "case.json").read_text(encoding="utf-8"))["vulnerable"])
                for problem in case_problems(name, case_dir, Path(tmp) / name):
                    failed += 1
                    print(f"{name}/{case_dir.name}: {problem}")
            print(f"{name}: {len(case_dirs)} cases ({vulnerable} vulnerable, {len(case_dirs) - vulnerable} safe)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
