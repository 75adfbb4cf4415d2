"""Foundation benchmark: `pr-review scan` on a large change, against a plain full-repo semgrep scan.

    .venv/bin/python benchmarks/scan/run.py [--files 2000 --changed 300 --added-lines 20000] [--keep DIR]
        [--semgrep-timeout 3600]

Measured in the same run, on the repository benchmarks/generate.py makes:
- wall time of `pr-review scan --base <base> --head <head>` ÷ wall time of `semgrep scan` of the
  whole head checkout with the same rules (the bundled pack); target ≤ 0.5;
- the Semgrep step of that scan (its batches) ÷ one plain `semgrep scan` call with the same rules on
  the same changed files: the cost of batching for isolation; target ≤ 1.2;
- peak memory of `pr-review` and its children: the largest single process (ru_maxrss from wait4)
  and the largest sum over the process tree, sampled every 20 ms; target < 500 MB.
The scan runs with semgrep.timeout_s raised (--semgrep-timeout): on a busy machine the default 300 s
would split the batches and list files as not reviewed, and the batching figure would compare less
work with more. The table counts the files Semgrep did not scan; a run where that is not 0 is not
a valid measurement.
Prints a table and writes benchmarks/scan/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from generate import GeneratedRepo, generate  # noqa: E402

from pr_review import rulepack  # noqa: E402

BIN = Path(sys.executable).parent
RATIO_TARGET = 0.5
BATCH_TARGET = 1.2
RSS_TARGET_MB = 500.0
ENV = {
    **{k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"},
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
    "SEMGREP_SEND_METRICS": "off",
}


@dataclass(frozen=True, slots=True)
class Measured:
    wall_s: float
    cpu_s: float  # user + system of the process and its children: steadier than wall time on a busy machine
    returncode: int
    max_process_mb: float
    max_tree_mb: float
    stdout: bytes
    stderr: bytes


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return found


def _tree_rss_kb(root: int) -> int:
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
        stack.extend(_children(pid))
    return total


def measure(argv: list[str], cwd: Path) -> Measured:
    """Run argv; wall time, the largest process's peak RSS (wait4), the tree's sampled peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=out, stderr=err)
        peak_tree_kb = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree_kb
            while not done.is_set():
                peak_tree_kb = max(peak_tree_kb, _tree_rss_kb(process.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        rss_mb, tree_mb = usage.ru_maxrss / 1024, peak_tree_kb / 1024
        return Measured(wall, cpu, process.returncode, rss_mb, tree_mb, out.read(), err.read())


def run(repo: GeneratedRepo, workdir: Path, semgrep_timeout: float) -> dict[str, object]:
    pack = rulepack.merged_pack(workdir)
    out_dir = workdir / "out"
    config = workdir / "pr-review.yml"
    config.write_text(f"semgrep:\n  timeout_s: {semgrep_timeout:g}\n", encoding="utf-8")
    review = measure(
        [
            str(BIN / "pr-review"),
            "scan",
            str(repo.path),
            "--base",
            repo.base,
            "--head",
            repo.head,
            "--out",
            str(out_dir),
            "--config",
            str(config),
        ],
        cwd=workdir,
    )
    if review.returncode not in (0, 1) or not (out_dir / "findings.json").exists():
        raise SystemExit(f"pr-review failed ({review.returncode}):\n{review.stderr.decode()[-3000:]}")
    full = measure(
        [str(BIN / "semgrep"), "scan", "--config", str(pack), "--json", "--metrics=off", "--disable-version-check",
         "--quiet", "--output", str(workdir / "full.json"), str(repo.path)],
        cwd=workdir,
    )  # fmt: skip
    if full.returncode not in (0, 1):
        raise SystemExit(f"semgrep failed ({full.returncode}):\n{full.stderr.decode()[-3000:]}")
    changed = subprocess.run(
        ["git", "diff", "--name-only", "--diff-filter=AMR", repo.base, repo.head],
        cwd=repo.path, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    plain = measure(
        [str(BIN / "semgrep"), "scan", "--config", str(pack), "--json", "--metrics=off", "--disable-version-check",
         "--quiet", "--no-git-ignore", "--output", str(workdir / "plain.json"), "--", *changed],
        cwd=repo.path,
    )  # fmt: skip
    if plain.returncode not in (0, 1):
        raise SystemExit(f"semgrep failed ({plain.returncode}):\n{plain.stderr.decode()[-3000:]}")
    report = json.loads((out_dir / "findings.json").read_text())
    full_results = json.loads((workdir / "full.json").read_text())["results"]
    analyzers = {a["name"]: f"{a['status']} {a['duration_s']:.1f}s" for a in report["analyzers"]}
    return {
        "repo": repo,
        "pack_rules": len(rulepack.list_rules([rulepack.RULES_DIR])),
        "review": review,
        "full": full,
        "plain": plain,
        "semgrep_step_s": next(a["duration_s"] for a in report["analyzers"] if a["name"] == "semgrep"),
        "ratio": review.wall_s / full.wall_s,
        "review_findings": len(report["findings"]),
        "semgrep_not_scanned": sum(1 for n in report["not_reviewed"] if n.get("analyzer") == "semgrep"),
        "full_findings": len(full_results),
        "analyzers": analyzers,
    }


def render(result: dict[str, object]) -> str:
    repo = result["repo"]
    review = result["review"]
    full = result["full"]
    assert isinstance(repo, GeneratedRepo)
    assert isinstance(review, Measured)
    plain = result["plain"]
    assert isinstance(full, Measured)
    assert isinstance(plain, Measured)
    ratio = float(result["ratio"])  # type: ignore[arg-type]
    step = float(result["semgrep_step_s"])  # type: ignore[arg-type]
    batching = step / plain.wall_s
    peak = max(review.max_process_mb, review.max_tree_mb)
    rows = [
        ("pr-review scan wall time", f"{review.wall_s:.2f} s", ""),
        ("full-repo semgrep wall time", f"{full.wall_s:.2f} s", ""),
        ("ratio (pr-review ÷ full semgrep)", f"{ratio:.2f}",
         f"≤ {RATIO_TARGET} {'✅' if ratio <= RATIO_TARGET else '❌'}"),
        ("pr-review Semgrep step (batches) wall time", f"{step:.2f} s", ""),
        ("one plain semgrep call on the changed files, wall time", f"{plain.wall_s:.2f} s", ""),
        ("batching overhead (Semgrep step ÷ plain call)", f"{batching:.2f}",
         f"≤ {BATCH_TARGET} {'✅' if batching <= BATCH_TARGET else '❌'}"),
        ("CPU time: pr-review scan / one plain semgrep call", f"{review.cpu_s:.1f} s / {plain.cpu_s:.1f} s",
         f"ratio {review.cpu_s / plain.cpu_s:.2f}"),
        ("files Semgrep did not scan (must be 0)", f"{result['semgrep_not_scanned']}", ""),
        ("plain semgrep call peak RSS, whole tree (sampled)", f"{plain.max_tree_mb:.0f} MB", ""),
        ("CPU time: pr-review / full semgrep", f"{review.cpu_s:.1f} s / {full.cpu_s:.1f} s",
         f"ratio {review.cpu_s / full.cpu_s:.2f}"),
        ("pr-review peak RSS, largest process", f"{review.max_process_mb:.0f} MB", ""),
        (
            "pr-review peak RSS, whole tree (sampled)",
            f"{review.max_tree_mb:.0f} MB",
            f"< {RSS_TARGET_MB:.0f} MB {'✅' if peak < RSS_TARGET_MB else '❌'}",
        ),
        ("full semgrep peak RSS, largest process", f"{full.max_process_mb:.0f} MB", ""),
        ("findings: pr-review (added lines) / full semgrep (all lines)",
         f"{result['review_findings']} / {result['full_findings']}", ""),
        ("pr-review analyzers", ", ".join(f"{k} {v}" for k, v in result["analyzers"].items()), ""),  # type: ignore[attr-defined]
    ]  # fmt: skip
    lines = [
        f"Repository: {repo.path.name}: base {repo.base[:12]}, head {repo.head[:12]}; {repo.changed_files} files "
        f"changed, {repo.added_lines} lines added ({repo.vulnerable_lines} vulnerable); "
        f"{result['pack_rules']} bundled rules.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f} at the end.",
        "",
        "| Measure | Value | Target |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="pr-review scan vs full semgrep, and peak memory")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--changed", type=int, default=300)
    parser.add_argument("--added-lines", type=int, default=20000)
    parser.add_argument("--semgrep-timeout", type=float, default=3600.0, help="semgrep.timeout_s of the scan")
    parser.add_argument("--keep", type=Path, help="generate the repository here and keep it")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pr-review-bench-") as tmp:
        workdir = Path(tmp)
        started = time.perf_counter()
        repo = generate(args.keep or workdir / "repo", args.files, args.changed, args.added_lines)
        print(f"generated {args.files} files in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        table = render(run(repo, workdir, args.semgrep_timeout))
    print(table)
    if not args.no_write:
        header = "# Foundation scan benchmark\n\nCommand: `.venv/bin/python benchmarks/scan/run.py`\n\n"
        results = HERE / "RESULTS.md"
        previous = results.read_text(encoding="utf-8") if results.exists() else ""
        kept = previous[previous.find("\n## ") :] if "\n## " in previous else ""  # hand-written sections
        results.write_text(header + table + kept, encoding="utf-8")


if __name__ == "__main__":
    main()
