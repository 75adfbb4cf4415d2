"""Writes the output files of a run: findings.json, results.sarif, summary.md (schema-checked).

The results directory usually sits in a checkout of the pull request, whose author can commit
links there (`pr-review-results/.findings.json.tmp -> ~/.bashrc`): the directory is checked before
anything is written, and no write ever follows a link.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Collection
from pathlib import Path
from typing import Any

from pr_review.audit import AuditSink
from pr_review.errors import PrReviewError, ToolError, UsageError
from pr_review.gather.local_git import git
from pr_review.no_follow import replace_file
from pr_review.outcome import ReviewOutcome
from pr_review.progress import Progress
from pr_review.report.document import outcome_to_json
from pr_review.report.markdown import render_summary
from pr_review.report.reporter import Reported
from pr_review.report.sarif import to_sarif
from pr_review.validate import check

RESULT_FILES = ("findings.json", "results.sarif", "summary.md")
AUDIT_FILE = "audit.jsonl"
_HINT = "write the results to a directory the repository does not contain, e.g. --out $RUNNER_TEMP/pr-review-results"


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise UsageError(f"cannot inspect {path}: {exc.strerror}") from exc


def _committed(checkout: Path, relative: Path) -> bool | None:
    """Does the checkout's git index hold the path, or anything below it? None: git cannot tell
    (not installed, or a checkout owned by another user)."""
    if not (checkout / ".git").exists():
        return False
    try:
        return bool(git(checkout, "ls-files", "-z", "--", relative.as_posix()))
    except ToolError:
        return None


def prepare_results_dir(out_dir: Path, checkout: Path | None, files: Collection[str] = RESULT_FILES) -> None:
    """Create the results directory, refusing one the pull request could have planted: a link
    (anywhere from the checkout down), a path the repository commits, or a link at an output name.
    Runs before anything is written, the audit trail included."""
    target = Path(os.path.abspath(out_dir))
    root = Path(os.path.abspath(checkout)) if checkout is not None else None
    inside = root is not None and target.is_relative_to(root) and target != root
    checked = [target]
    if root is not None and inside:
        relative = target.relative_to(root)
        checked = [root / Path(*relative.parts[: n + 1]) for n in range(len(relative.parts))]
    link = next((path for path in checked if _is_link(path)), None)
    if link is not None:
        raise UsageError(
            f"results directory {out_dir}: {link} is a symbolic link; refusing to write through it", hint=_HINT
        )
    committed = _committed(root, target.relative_to(root)) if root is not None and inside else False
    if committed:
        raise UsageError(
            f"results directory {out_dir} is committed in the repository: refusing to write into it", hint=_HINT
        )
    if committed is None and target.exists():  # it may be committed: fail closed
        raise UsageError(
            f"results directory {out_dir} exists and git cannot tell whether it is committed: refusing to write"
            " into it",
            hint=_HINT,
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrReviewError(f"cannot create output directory {out_dir}: {exc.strerror}") from exc
    if _is_link(target) or not target.is_dir():
        raise UsageError(f"results directory {out_dir} is not a directory", hint=_HINT)
    planted = next((name for name in files if _is_link(target / name)), None)
    if planted is not None:
        raise UsageError(f"{out_dir / planted} is a symbolic link; refusing to write through it", hint=_HINT)


def dump_json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_outputs(outcome: ReviewOutcome, out_dir: Path, *, checkout: Path | None = None) -> dict[str, Path]:
    prepare_results_dir(out_dir, checkout)
    report = outcome_to_json(outcome)
    check(report, "report.schema.json")
    written = {name: out_dir / file for name, file in zip(("findings", "sarif", "summary"), RESULT_FILES, strict=True)}
    replace_file(written["findings"], dump_json(report).encode())
    replace_file(written["sarif"], dump_json(to_sarif(outcome)).encode())
    replace_file(written["summary"], render_summary(outcome).encode())
    return written


class FilesReporter:
    """findings.json, results.sarif and summary.md in the results directory."""

    def __init__(self, out_dir: Path, *, checkout: Path | None, progress: Progress | None = None) -> None:
        self.out_dir, self.checkout = out_dir, checkout
        self.progress = progress  # `scan` says where the files went; in Actions the step outputs do

    def report(self, outcome: ReviewOutcome, audit: AuditSink) -> Reported:
        written = write_outputs(outcome, self.out_dir, checkout=self.checkout)
        did = f"wrote {', '.join(str(p) for p in written.values())}"
        if self.progress is not None:
            self.progress.note(f"{did}, {self.out_dir / AUDIT_FILE}")
        return Reported(did)
