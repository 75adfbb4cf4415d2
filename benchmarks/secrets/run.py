"""Leaked key formats and personal-data shapes: caught, and no false positive on ordinary code.

    .venv/bin/python benchmarks/secrets/run.py [--lines 4000]

Every sample (benchmarks/secrets/corpus.py, generated at run time from a fixed seed) is one line
as a team writes it; it counts as caught when the detectors' spans cover its whole value, so the
redacted line no longer holds it. Private keys count when every body line is caught, with and
without the END line; values in file names are scanned the way the model view scans a path.
False positives: every detection on the first N lines of a fixed list of standard-library
modules, read from the running interpreter (nothing is copied into the repository).
Prints the figures and exits 1 unless every format is caught and nothing is flagged.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ordinary_code_lines, path_samples, private_keys, samples  # noqa: E402

from pr_review.classify.detect import Detection, detect_lines  # noqa: E402
from pr_review.classify.policy import health_rules_of  # noqa: E402
from pr_review.config import ClassificationSettings  # noqa: E402


def covered(found: Sequence[Detection], line: str, value: str) -> bool:
    start = line.find(value)
    return start >= 0 and all(any(d.start <= i < d.end for d in found) for i in range(start, start + len(value)))


def missed() -> list[str]:
    """Kinds of the samples whose value is not fully caught."""
    health = health_rules_of(ClassificationSettings())
    out = [
        s.kind for s in samples() if not covered(detect_lines([s.line], path=s.path, health=health), s.line, s.value)
    ]
    out += [s.kind for s in path_samples() if not covered(detect_lines([s.line], health=health), s.line, s.value)]
    for kind, path, lines in private_keys():
        body = {n for n, line in enumerate(lines, start=1) if "PRIVATE KEY" not in line and "'''" not in line}
        if not body <= {d.line for d in detect_lines(lines, path=path)}:
            out.append(kind)
    return out


def false_positives(limit: int = 4000) -> list[str]:
    """ "path: kind: line" for every detection on ordinary code, scanned file by file."""
    health = health_rules_of(ClassificationSettings())
    by_path: dict[str, list[str]] = {}
    for path, line in ordinary_code_lines(limit):
        by_path.setdefault(path, []).append(line)
    return [
        f"{path}: {d.kind}: {lines[d.line - 1].strip()[:100]}"
        for path, lines in by_path.items()
        for d in detect_lines(lines, path=path, health=health)
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=4000, help="lines of ordinary code for the false-positive side")
    args = parser.parse_args()
    total = len(samples()) + len(path_samples()) + len(private_keys())
    started = time.perf_counter()
    not_caught = missed()
    flagged = false_positives(args.lines)
    elapsed = time.perf_counter() - started
    print(
        f"formats: {total - len(not_caught)}/{total} caught"
        + (f" (missed: {', '.join(not_caught)})" if not_caught else "")
    )
    print(f"false positives: {len(flagged)} on {args.lines} lines of standard-library code")
    for item in flagged:
        print(f"  {item}")
    print(f"time: {elapsed:.2f}s (detector start-up included)")
    return 0 if not not_caught and not flagged else 1


if __name__ == "__main__":
    raise SystemExit(main())
