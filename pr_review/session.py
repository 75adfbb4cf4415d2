"""The audit trail of a run (lifecycle.py): opened beside the results, ended whatever fails."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

from pr_review import audit_events as events
from pr_review.audit import AuditLog, AuditSink, NullAudit, audit_key_from_env
from pr_review.errors import PrReviewError
from pr_review.github import actions
from pr_review.github.actions import ActionsEnvironment
from pr_review.report.files import AUDIT_FILE, RESULT_FILES, prepare_results_dir

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
