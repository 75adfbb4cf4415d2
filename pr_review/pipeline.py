"""The review, top to bottom: scope → classification and the supporting checks (in the detectors'
process) → the analyzers that review the code (concurrently) → validate → coverage → merge → triage
(suppressions, reviewers' dismissals) → leak guard → outcome."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path, PurePosixPath

from pr_review.analyzers.base import NO_PRIOR, Analyzer, AnalyzerResult, AnalyzerStatus, PriorReview, ReviewInput
from pr_review.audit import AuditSink, NullAudit
from pr_review.classify.guard import guard_outcome
from pr_review.classify.isolation import detector_process
from pr_review.classify.redact import build_model_view, mask_outcome, masked_view
from pr_review.config import Config
from pr_review.coverage import coverage_result
from pr_review.errors import UsageError
from pr_review.gather.change import Change
from pr_review.gather.tree import NO_TREES, review_trees
from pr_review.merge import merge
from pr_review.outcome import ReviewOutcome
from pr_review.progress import Progress
from pr_review.report.audit_events import record_classification
from pr_review.report.document import finding_to_json
from pr_review.scope import NotReviewed, Scope, build_scope
from pr_review.triage.dismiss import Dismissals, NoDismissals, apply_dismissals
from pr_review.triage.suppress import apply_suppressions
from pr_review.validate import schema_errors

logger = logging.getLogger(__name__)


def _safe_relative(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts and "\\" not in path


def materialise(scope: Scope, workdir: Path) -> tuple[Scope, tuple[NotReviewed, ...]]:
    """Write the reviewed files' head contents under workdir, refusing paths that would leave it."""
    refused: list[NotReviewed] = []
    kept = []
    for changed in scope.files:
        if not _safe_relative(changed.path) or PurePosixPath(changed.path).name == ".semgrepignore":
            refused.append(NotReviewed(changed.path, "path not safe to materialise"))
            continue
        target = workdir / changed.path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(scope.contents[changed.path])
        except OSError as exc:  # a name too long for this filesystem, a file where a folder must go…
            refused.append(NotReviewed(changed.path, f"cannot be written for the scanners: {exc.strerror}"))
            continue
        kept.append(changed)
    return replace(
        scope,
        files=tuple(kept),
        not_reviewed=scope.not_reviewed + tuple(refused),
        unreviewed_text=scope.unreviewed_text | {r.path for r in refused},
    ), tuple(refused)


def _validated(result: AnalyzerResult) -> AnalyzerResult:
    """Findings that break finding.schema.json are dropped and counted, never silently."""
    valid = [f for f in result.findings if not schema_errors(finding_to_json(f), "finding.schema.json")]
    dropped = len(result.findings) - len(valid)
    if not dropped:
        return result
    logger.warning("%s: dropped %d finding(s) that violate the finding schema", result.name, dropped)
    detail = f"{result.detail}; {dropped} invalid finding(s) dropped".lstrip("; ")
    return replace(result, findings=tuple(valid), detail=detail)


def _run_one(analyzer: Analyzer, review: ReviewInput, progress: Progress) -> AnalyzerResult:
    started = time.monotonic()
    try:
        result = analyzer.analyze(review)
    except UsageError:
        raise  # the user's configuration or input is wrong (a rule file, a ZAP report): exit 2
    except Exception as exc:  # a bug in one analyzer must not lose the others' results
        logger.debug("%s crashed", analyzer.name, exc_info=True)
        result = AnalyzerResult(
            analyzer.name, AnalyzerStatus.FAILED, detail=f"internal error: {type(exc).__name__}: {exc}"
        )
    if not result.duration_s:
        result = replace(result, duration_s=time.monotonic() - started)
    # What the analyzer is, recorded on its result for the exit code and findings.json.
    failed = result.status is AnalyzerStatus.FAILED
    result = replace(
        result, supporting=analyzer.supporting, fail_closed=failed and analyzer.fails_closed(review.config)
    )
    progress.analyzer_done(result)
    return result


def run_analyzers(analyzers: Sequence[Analyzer], review: ReviewInput, progress: Progress) -> tuple[AnalyzerResult, ...]:
    with ThreadPoolExecutor(max_workers=max(1, len(analyzers)), thread_name_prefix="analyzer") as pool:
        futures = [pool.submit(_run_one, a, review, progress) for a in analyzers]
        results = [f.result() for f in futures]
    return tuple(sorted((_validated(r) for r in results), key=lambda r: r.name))


def review(
    change: Change,
    config: Config,
    analyzers: Sequence[Analyzer],
    progress: Progress,
    *,
    repo_root: Path | None,
    audit: AuditSink | None = None,
    protected_paths: frozenset[str] = frozenset(),
    dismissals: Dismissals | None = None,
    prior: PriorReview = NO_PRIOR,
) -> ReviewOutcome:
    started = time.monotonic()
    audit, dismissals = audit or NullAudit(), dismissals or NoDismissals()
    if not change.files:  # no analyzer runs on nothing; the outputs still say what was (not) reviewed
        empty = ReviewOutcome(change.target, config, change.pr, (), (), (), (), time.monotonic() - started)
        return finish(empty, dismissals, audit)
    progress.stage(f"scoping {len(change.files)} changed file(s)")
    scope = build_scope(change, config)
    with tempfile.TemporaryDirectory(prefix="pr-review-") as tmp:
        scope, _ = materialise(scope, Path(tmp))
        progress.stage("classifying what may reach a model")
        with detector_process():
            # Only the detectors run in their process (classify/isolation.py): the model view is
            # built here, so the lookups' data policy (`later_files`) keeps the view's placeholders.
            classified = build_model_view(scope, config.classification)
            record_classification(audit, masked_view(classified.view, classified.sensitive_values))
            review_input = ReviewInput(
                scope,
                config,
                Path(tmp),
                repo_root,
                classified.view,
                audit,
                protected_paths,
                trees=review_trees(change, repo_root)
                if config.claude.enabled and config.claude.context_tools
                else NO_TREES,
                later_files=classified.later_files,
                prior=prior,
            )
            progress.stage(f"running {len(analyzers)} analyzer(s) on {len(scope.files)} file(s)")
            # The supporting checks (secrets, prompt injection) use the detectors' process too; the
            # analyzers that review the code start once it has exited: the detectors' memory and
            # Semgrep's are never held at the same time.
            supporting = run_analyzers([a for a in analyzers if a.supporting], review_input, progress)
        reviewing = run_analyzers([a for a in analyzers if not a.supporting], review_input, progress)
        results = tuple(sorted((*supporting, *reviewing), key=lambda r: r.name))
    coverage = coverage_result(scope, results, config)
    progress.analyzer_done(coverage)
    results = tuple(sorted((*results, coverage), key=lambda r: r.name))
    progress.close()
    per_analyzer = tuple(n for r in results for n in r.not_reviewed)
    triage = config.triage
    merged = merge((f for r in results for f in r.findings), line_slack=triage.line_slack)
    decided = apply_suppressions(merged, {f.path: f for f in scope.files}, scope.contents, triage)
    outcome = ReviewOutcome(
        target=change.target,
        config=config,
        pr=change.pr,
        findings=decided.findings,
        suppressed=decided.suppressed,
        triage_notes=decided.notes,
        analyzers=results,
        reviewed_files=tuple(f.path for f in scope.files),
        not_reviewed=scope.not_reviewed + per_analyzer,
        duration_s=time.monotonic() - started,
        model_view=classified.view,
        sensitive_values=classified.sensitive_values,
    )
    # No raw secret or personal value leaves the pipeline, whichever analyzer quoted it or whichever
    # file name carried it.
    return finish(mask_outcome(outcome, classified.sensitive_values), dismissals, audit)


def finish(outcome: ReviewOutcome, dismissals: Dismissals, audit: AuditSink) -> ReviewOutcome:
    """The last stages, also those of an outcome another job reviewed (`publish`): reviewers'
    dismissals, then the output leak guard. What comes out is final: reporters only report it."""
    accepted, notes = dismissals.decide([f.fingerprint for f in outcome.findings], outcome.config.triage)
    return guard_outcome(apply_dismissals(outcome, accepted, notes), audit)
