"""Each case reviewed the way a pull request is: a throw-away git repository with a base and a head
commit, then the pipeline `scan` runs (scope, classification, every analyzer, merge, triage, leak
guard) with the team's configuration, rules and instructions as they are in the working directory."""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pr_review.analyzers.base import Analyzer, AnalyzerContext, AnalyzerStatus, Credentials, ModelDetails
from pr_review.config import Config
from pr_review.eval.suite import Case, Suite
from pr_review.gather.local_git import from_git, git
from pr_review.models import CodeLocation
from pr_review.pipeline import review
from pr_review.progress import PlainProgress
from pr_review.registry import build_analyzers
from pr_review.trust import DirectoryTree, pin_to_base

_IDENTITY = ("-c", "user.name=pr-review eval", "-c", "user.email=eval@pr-review.invalid", "-c", "commit.gpgsign=false")


@dataclass(frozen=True, slots=True)
class CaseFinding:
    path: str
    start_line: int
    end_line: int
    sources: tuple[str, ...]
    cwe: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnalyzerRun:
    name: str
    status: str
    detail: str
    duration_s: float


@dataclass(frozen=True, slots=True)
class CaseRun:
    """What the review of one case produced."""

    case: Case
    findings: tuple[CaseFinding, ...]
    analyzers: tuple[AnalyzerRun, ...]
    model: ModelDetails | None  # None: Claude did not run
    duration_s: float

    @property
    def failed(self) -> tuple[AnalyzerRun, ...]:
        return tuple(a for a in self.analyzers if a.status == AnalyzerStatus.FAILED)


def _commit(repo: Path, tree: Path, message: str) -> str:
    for child in repo.iterdir():
        if child.name != ".git":
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    if tree.is_dir():
        shutil.copytree(tree, repo, dirs_exist_ok=True, symlinks=True, ignore=shutil.ignore_patterns(".keep"))
    git(repo, "add", "-A")
    git(repo, *_IDENTITY, "commit", "-q", "--no-verify", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").decode().strip()


def run_case(case: Case, config: Config, analyzers: Sequence[Analyzer]) -> CaseRun:
    """`config`: with the team's rules pinned (run_suite)."""
    with tempfile.TemporaryDirectory(prefix="pr-review-eval-") as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        git(repo, "init", "-q", "-b", "main")
        base = _commit(repo, case.directory / "base", "base")
        head = _commit(repo, case.directory / "head", f"head: {case.id}")
        change = from_git(repo, base, head)
        started = time.monotonic()
        outcome = review(change, config, analyzers, PlainProgress(io.StringIO()), repo_root=repo)
        duration = time.monotonic() - started
    findings = tuple(
        CaseFinding(f.location.path, f.location.start_line, f.location.end_line, f.sources, f.cwe)
        for f in outcome.findings
        if isinstance(f.location, CodeLocation)
    )
    analyzer_runs = tuple(AnalyzerRun(a.name, a.status, a.detail, a.duration_s) for a in outcome.analyzers)
    model = next((a.details for a in outcome.analyzers if isinstance(a.details, ModelDetails)), None)
    return CaseRun(case, findings, analyzer_runs, model, duration)


def run_suite(
    suite: Suite, config: Config, credentials: Credentials, environ: Mapping[str, str], *, stream: TextIO | None = None
) -> tuple[CaseRun, ...]:
    """Every case in turn, with `case n/N` on stderr (a line each, as a log reads them)."""
    out = stream or sys.stderr
    runs = []
    with tempfile.TemporaryDirectory(prefix="pr-review-eval-rules-") as pinned_dir:
        # The team's rules and instructions, as the working directory has them: copied once for
        # every case, as a pull request's are taken once from its base.
        pinned = pin_to_base(config, DirectoryTree(Path.cwd()), Path(pinned_dir), Path.cwd())
        analyzers = build_analyzers(AnalyzerContext(credentials, environ, pinned.instructions))
        for number, case in enumerate(suite.cases, 1):
            print(f"case {number}/{len(suite.cases)} {case.id}", file=out, flush=True)
            runs.append(run_case(case, pinned.config, analyzers))
    return tuple(runs)
