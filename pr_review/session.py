"""One accountable review, shared by `scan`, `run` and `publish`: the audit trail opened beside the
results, the run recorded from start to finish whatever fails, and the review run on inputs pinned
to the base commit."""

from __future__ import annotations

import contextlib
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

from pr_review import audit_events as events
from pr_review.analyzers import build_analyzers
from pr_review.analyzers.base import Credentials
from pr_review.audit import AuditLog, audit_key_from_env
from pr_review.audit_events import AuditSink, NullAudit
from pr_review.config import Config
from pr_review.errors import PrReviewError
from pr_review.gather.change import Change
from pr_review.github import actions
from pr_review.github.actions import ActionsEnvironment
from pr_review.outcome import ReviewOutcome
from pr_review.pipeline import review
from pr_review.progress import Progress
from pr_review.report.files import RESULT_FILES, prepare_results_dir
from pr_review.trust import BaseTree, pin_to_base, protected_paths

AUDIT_FILE = "audit.jsonl"
PUBLISH_AUDIT_FILE = "publish-audit.jsonl"  # `publish` never appends to the uploaded results' trail


@contextlib.contextmanager
def open_audit(
    out_dir: Path | None, environ: Mapping[str, str], *, checkout: Path | None, name: str = AUDIT_FILE
) -> Iterator[AuditSink]:
    """The audit trail beside the other outputs, once the results directory is known to be safe to
    write (report/files.py); no output directory, no audit file. When the run ends, however it
    ends, its chain head goes to the `audit-head` step output and the job summary."""
    if out_dir is None:
        yield NullAudit()
        return
    prepare_results_dir(out_dir, checkout, files=(*RESULT_FILES, name))
    # Unique per invocation: two runs of one workflow run may share an audit file.
    github_run = "-".join(filter(None, (environ.get("GITHUB_RUN_ID"), environ.get("GITHUB_RUN_ATTEMPT"))))
    run_id = f"{github_run}-{uuid.uuid4().hex[:8]}" if github_run else uuid.uuid4().hex
    with AuditLog.open(out_dir / name, run_id=run_id, key=audit_key_from_env(environ)) as log:
        try:
            yield log
        finally:
            if log.head is not None:
                actions.publish_audit_head(ActionsEnvironment.from_environ(environ), log.path, log.head)


@contextlib.contextmanager
def finished_on_failure(audit: AuditSink) -> Iterator[None]:
    """A run that fails still ends its audit trail (error, then run_finished), so the trail verifies
    and shows why, instead of looking truncated."""
    started = time.monotonic()
    try:
        yield
    except PrReviewError as exc:
        events.error(audit, stage="review", message=str(exc))
        events.run_finished(
            audit,
            status="failed",
            exit_code=int(exc.exit_code),
            duration_s=round(time.monotonic() - started, 3),
            counts={},
        )
        raise


def review_pinned(
    change: Change,
    config: Config,
    base: BaseTree,
    *,
    credentials: Credentials,
    environ: Mapping[str, str],
    progress: Progress,
    audit: AuditSink,
    repo_root: Path | None,
    config_file: Path | None,
) -> ReviewOutcome:
    """The review, with rules and instructions as they are at the base (trust.py)."""
    with tempfile.TemporaryDirectory(prefix="pr-review-base-") as pinned_dir:
        pinned = pin_to_base(config, base, Path(pinned_dir), repo_root)
        return review(
            change,
            pinned.config,
            build_analyzers(credentials, environ, instructions=pinned.instructions),
            progress,
            repo_root=repo_root,
            audit=audit,
            protected_paths=protected_paths(pinned, config, config_file, repo_root),
        )
