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

from pr_review.analyzers import build_analyzers
from pr_review.analyzers.base import AuditSink, Credentials, NullAudit
from pr_review.audit import AuditLog, audit_key_from_env
from pr_review.config import Config
from pr_review.errors import PrReviewError
from pr_review.gather.change import Change
from pr_review.outcome import ReviewOutcome
from pr_review.pipeline import review
from pr_review.progress import Progress
from pr_review.trust import BaseTree, pin_to_base, protected_paths


def open_audit(out_dir: Path | None, environ: Mapping[str, str]) -> contextlib.AbstractContextManager[AuditSink]:
    """audit.jsonl beside the other outputs; no output directory, no audit file."""
    if out_dir is None:
        return contextlib.nullcontext(NullAudit())
    out_dir.mkdir(parents=True, exist_ok=True)
    # Unique per invocation: `run` and `publish` of one workflow run may share an audit file.
    github_run = "-".join(filter(None, (environ.get("GITHUB_RUN_ID"), environ.get("GITHUB_RUN_ATTEMPT"))))
    run_id = f"{github_run}-{uuid.uuid4().hex[:8]}" if github_run else uuid.uuid4().hex
    return AuditLog.open(out_dir / "audit.jsonl", run_id=run_id, key=audit_key_from_env(environ))


@contextlib.contextmanager
def finished_on_failure(audit: AuditSink) -> Iterator[None]:
    """A run that fails still ends its audit trail (error, then run_finished), so the trail verifies
    and shows why, instead of looking truncated."""
    started = time.monotonic()
    try:
        yield
    except PrReviewError as exc:
        audit.record("error", stage="review", message=str(exc))
        audit.record(
            "run_finished",
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
