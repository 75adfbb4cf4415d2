"""Benchmark the bundled Semgrep rule pack on labelled pull-request-sized changes.

Usage:  python benchmarks/rulepack/run.py [--semgrep PATH] [--set cases|seen|seen-2|seen-3|independent]
                                          [--json OUT] [--keep]

Five sets are scored separately: ``cases/`` (written with the rules, used for tuning), ``seen/`` (written
from advisories by the rules' author, who then tuned rules while looking at it: a second tuning set),
``seen-2/`` and ``seen-3/`` (blind sets, each scored blind twice, then retired to tuning) and ``independent/``
(written from public advisories and framework idioms by someone who never saw the rules; never tuned against).
Every case is a directory ``<set>/<case-id>/`` with ``base/`` and ``head/`` trees and a ``case.json``
(``{"language", "cwe", "vulnerable", "file", "flaw_line"}``).  For each case a throw-away git repository
gets a base commit and a head commit; the lines added between them are what a reviewer would see.  One
semgrep process scans the changed files of all heads with the merged pack; findings are attributed to
their case by path and kept only when they touch an added line.

* recall: vulnerable changes with a finding within 2 lines of ``flaw_line``
* false-positive rate: safe changes with any finding on an added line
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from pr_review.rulepack import list_rules, merged_pack  # noqa: E402

LINE_SLACK = 2
HUNK_RE = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass
class Case:
    id: str
    language: str
    cwe: str
    vulnerable: bool
    file: str
    flaw_line: int
    changed: list[str] = field(default_factory=list)
    added: dict[str, set[int]] = field(default_factory=dict)
    findings: list[dict[str, object]] = field(default_factory=list)

    @property
    def detected(self) -> bool:
        for f in self.findings:
            if f["path"] != self.file:
                continue
            start, end = int(str(f["start"])), int(str(f["end"]))
            if start - LINE_SLACK <= self.flaw_line <= end + LINE_SLACK:
                return True
        return False


def _git(repo: Path, *args: str) -> str:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.invalid",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True)
    return proc.stdout


def _copy_tree(src: Path, dst: Path) -> None:
    for path in sorted(src.rglob("*")):
        if path.is_dir() or path.name == ".keep":
            continue
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _clear_worktree(repo: Path) -> None:
    for child in repo.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


def build_repo(case_dir: Path, repo: Path) -> tuple[list[str], dict[str, set[int]]]:
    """Create base and head commits; return changed files and their added line numbers."""
    repo.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    _copy_tree(case_dir / "base", repo)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "base")
    _clear_worktree(repo)
    _copy_tree(case_dir / "head", repo)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "head")
    changed = [p for p in _git(repo, "diff", "--name-only", "--diff-filter=AMR", "HEAD~1", "HEAD").split("\n") if p]
    added: dict[str, set[int]] = {}
    for path in changed:
        lines: set[int] = set()
        for row in _git(repo, "diff", "-U0", "HEAD~1", "HEAD", "--", path).splitlines():
            m = HUNK_RE.match(row)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or "1")
                lines.update(range(start, start + count))
        added[path] = lines
    return changed, added


def load_cases(cases_dir: Path) -> list[Case]:
    cases = []
    for d in sorted(p for p in cases_dir.iterdir() if (p / "case.json").is_file()):
        meta = json.loads((d / "case.json").read_text(encoding="utf-8"))
        cases.append(
            Case(
                id=d.name,
                language=meta["language"],
                cwe=meta["cwe"],
                vulnerable=bool(meta["vulnerable"]),
                file=meta["file"],
                flaw_line=int(meta["flaw_line"]),
            )
        )
    return cases


def default_semgrep() -> str:
    venv = REPO / ".venv" / "bin" / "semgrep"
    if venv.exists():
        return str(venv)
    found = shutil.which("semgrep")
    if not found:
        sys.exit("semgrep not found; pass --semgrep")
    return found


def run_semgrep(semgrep: str, pack: Path, root: Path, targets: list[str]) -> tuple[dict[str, Any], float]:
    env = dict(os.environ, SEMGREP_ENABLE_VERSION_CHECK="0", SEMGREP_SEND_METRICS="off")
    cmd = [
        semgrep, "scan", "--config", str(pack), "--json", "--time", "--metrics=off",
        "--disable-version-check", "--no-rewrite-rule-ids", "--no-git-ignore", "--quiet",
        "--timeout", "30", *targets,
    ]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"semgrep failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout), elapsed


def _rate(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "  - "


def summarise(cases: list[Case], key: str) -> list[tuple[str, int, int, int, int]]:
    groups: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        groups[str(getattr(c, key))].append(c)
    rows = []
    for name in sorted(groups):
        group = groups[name]
        vuln = [c for c in group if c.vulnerable]
        safe = [c for c in group if not c.vulnerable]
        rows.append((name, len(vuln), sum(c.detected for c in vuln), len(safe), sum(bool(c.findings) for c in safe)))
    return rows


def table(title: str, rows: list[tuple[str, int, int, int, int]]) -> list[str]:
    out = [f"### {title}", "", f"| {title.split()[-1]} | vulnerable | detected | recall | safe | flagged | FP rate |"]
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for name, nv, nd, ns, nf in rows:
        out.append(f"| {name} | {nv} | {nd} | {_rate(nd, nv)} | {ns} | {nf} | {_rate(nf, ns)} |")
    out.append("")
    return out


@dataclass
class SetResult:
    name: str
    cases: list[Case]
    scan_time: float
    setup: float
    errors: list[Any]
    per_target: dict[str, float]


def score_set(name: str, cases_dir: Path, semgrep: str, pack: Path, work: Path) -> SetResult:
    """Build every case of one set, scan all of them with one semgrep process, attribute the findings."""
    cases = load_cases(cases_dir)
    if not cases:
        sys.exit(f"no cases in {cases_dir}")
    t0 = time.perf_counter()
    root = work / name
    targets: list[str] = []
    for c in cases:
        c.changed, c.added = build_repo(cases_dir / c.id, root / c.id)
        targets.extend(f"{c.id}/{p}" for p in c.changed)
    setup = time.perf_counter() - t0
    report, scan_time = run_semgrep(semgrep, pack, root, targets)
    by_id = {c.id: c for c in cases}
    for r in report.get("results", []):
        case_id, _, rel = str(r["path"]).partition("/")
        owner = by_id.get(case_id)
        if owner is None:
            continue
        start, end = int(r["start"]["line"]), int(r["end"]["line"])
        if not set(range(start, end + 1)) & owner.added.get(rel, set()):
            continue
        owner.findings.append({"rule": r["check_id"], "path": rel, "start": start, "end": end})
    per_target: dict[str, float] = {}
    timing = report.get("time") or {}
    for t in timing.get("targets", []) if isinstance(timing, dict) else []:
        run_time = t.get("run_time", 0.0)
        per_target[str(t.get("path"))] = (
            sum(float(x) for x in run_time) if isinstance(run_time, list) else float(run_time or 0.0)
        )
    return SetResult(name, cases, scan_time, setup, list(report.get("errors", [])), per_target)


def report_set(title: str, result: SetResult) -> list[str]:
    cases = result.cases
    vuln = [c for c in cases if c.vulnerable]
    safe = [c for c in cases if not c.vulnerable]
    detected = sum(c.detected for c in vuln)
    flagged = sum(bool(c.findings) for c in safe)
    recall = detected / len(vuln) if vuln else 0.0
    fp_rate = flagged / len(safe) if safe else 0.0
    extra = sum(
        1
        for c in vuln
        for f in c.findings
        if not (int(str(f["start"])) - LINE_SLACK <= c.flaw_line <= int(str(f["end"])) + LINE_SLACK)
    )
    lines = [
        f"## {title}",
        "",
        f"{len(cases)} changes ({len(vuln)} vulnerable, {len(safe)} safe look-alikes).",
        "",
        "| metric | value |",
        "|---|---:|",
        f"| recall (vulnerable changes with a finding within {LINE_SLACK} lines of the flaw) | "
        f"{recall:.2f} ({detected}/{len(vuln)}) |",
        f"| false-positive rate (safe changes with any finding on added lines) | "
        f"{fp_rate:.2f} ({flagged}/{len(safe)}) |",
        f"| other findings on added lines of vulnerable changes | {extra} |",
        f"| semgrep errors | {len(result.errors)} |",
        f"| one semgrep process over all changes (wall) | {result.scan_time:.2f} s |",
        f"| scan time per change (wall / changes) | {result.scan_time / len(cases):.3f} s |",
    ]
    if result.per_target:
        vals = sorted(result.per_target.values())
        lines.append(
            "| per-file rule matching time (median / max, from --time) | "
            f"{vals[len(vals) // 2]:.3f} s / {vals[-1]:.3f} s |"
        )
    lines += [f"| repo setup (git base+head per change) | {result.setup:.2f} s |", ""]
    lines += table("By language", summarise(cases, "language"))
    lines += table("By CWE", summarise(cases, "cwe"))
    missed = [c for c in vuln if not c.detected]
    noisy = [c for c in safe if c.findings]
    lines += [f"### Misses and false positives ({result.name})", ""]
    lines += [f"- missed: `{c.id}` ({c.cwe}, {c.file}:{c.flaw_line})" for c in missed] or ["- no misses"]
    lines += [
        f"- false positive: `{c.id}`: " + ", ".join(f"{f['rule']}@{f['start']}" for f in c.findings) for c in noisy
    ] or ["- no false positives"]
    lines.append("")
    return lines


HISTORY_HEADING = "## History (kept across runs)"


def _kept_history(results: Path) -> str:
    """The hand-written history section of an earlier RESULTS.md, which a new run must not erase."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    at = old.find(HISTORY_HEADING)
    return "\n" + old[at:] if at >= 0 else ""


SETS = (
    ("cases", "Own cases (written with the rules; tuning set)"),
    ("seen", "Seen cases (written from advisories by the rules' author; rules tuned while looking at them)"),
    ("seen-2", "Seen-2 cases (the second blind set: scored blind twice, then retired to tuning)"),
    ("seen-3", "Seen-3 cases (the third blind set: scored blind twice, then retired to tuning)"),
    (
        "independent",
        "Independent cases (written blind to the rules from advisories and framework idioms; never tuned against)",
    ),
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--semgrep", default=None, help="semgrep executable (default: .venv/bin/semgrep or PATH)")
    ap.add_argument(
        "--set", dest="sets", action="append", choices=[name for name, _ in SETS], help="score only this set"
    )
    ap.add_argument("--json", type=Path, default=None, help="also write per-case results as JSON")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--keep", action="store_true", help="keep the temporary repositories")
    args = ap.parse_args()

    semgrep = args.semgrep or default_semgrep()
    chosen = [(name, title) for name, title in SETS if not args.sets or name in args.sets]
    work = Path(tempfile.mkdtemp(prefix="rulepack-bench-"))
    try:
        (work / "pack").mkdir()
        pack = merged_pack(work / "pack")
        n_rules = len(list_rules([pack]))
        results = [(title, score_set(name, HERE / name, semgrep, pack, work / "repos")) for name, title in chosen]
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    lines = [
        "# Rule pack benchmark",
        "",
        f"Generated by `python benchmarks/rulepack/run.py` with {n_rules} rules (one merged pack); "
        "each set is scanned by its own single semgrep process.",
        "",
    ]
    for title, result in results:
        lines += report_set(title, result)
    text = "\n".join(lines)
    print(text)
    args.results.write_text(text + _kept_history(args.results), encoding="utf-8")
    if args.json:
        rows = [
            {"set": r.name, "id": c.id, "vulnerable": c.vulnerable, "detected": c.detected, "findings": c.findings}
            for _, r in results
            for c in r.cases
        ]
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    for _, r in results:
        if r.errors:
            print(json.dumps(r.errors, indent=1)[:3000], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
