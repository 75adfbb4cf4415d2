"""`pr-review run` (review the pull request of this Actions run) and `pr-review publish`
(post results a `run --no-post` job uploaded, from a workflow_run job that holds a write token)."""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pr_review.analyzers.base import Credentials, PriorReview
from pr_review.audit import chain_head
from pr_review.config import Config
from pr_review.config_loader import with_overrides
from pr_review.errors import ExitCode, PrReviewError, UsageError
from pr_review.github import actions
from pr_review.github.actions import ActionsEnvironment
from pr_review.github.actions_report import actions_reporters
from pr_review.github.client import GitHubApi, RetryPolicy
from pr_review.github.conversation import Conversation
from pr_review.github.dismissals import PullRequestDismissals
from pr_review.github.publish import GitHubReporter
from pr_review.github.publish_target import publish_pull
from pr_review.github.pull_request import base_tree, gather_pull_request
from pr_review.lifecycle import ChangeReview, ReviewRun, RunStart, UploadedOutcome
from pr_review.models import Severity
from pr_review.no_follow import READ
from pr_review.progress import Progress
from pr_review.registry import ANALYZER_NAMES
from pr_review.report.document import outcome_from_json
from pr_review.report.files import AUDIT_FILE, FilesReporter
from pr_review.report.reporter import Reporter
from pr_review.session import PUBLISH_AUDIT_FILE
from pr_review.triage.dismiss import Dismissals, NoDismissals
from pr_review.trust import BaseTree, load_review_config

logger = logging.getLogger(__name__)

_COMMIT_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
MAX_RESULTS_BYTES = 64 * 1024 * 1024  # an uploaded findings.json is read whole


@dataclass(frozen=True, slots=True)
class RunOptions:
    config_path: Path | None
    out_dir: Path
    post: bool
    fail_on: str | None = None
    semgrep_config: tuple[str, ...] = ()
    zap_report: str | None = None
    zap_target: str | None = None
    model: str | None = None
    token_budget: int | None = None
    exclude: tuple[str, ...] = ()
    retry: RetryPolicy | None = None  # tests shorten the waits
    full: bool = False  # `--full`: review every file with Claude, whatever an earlier review left


def make_api(environment: ActionsEnvironment, config: Config | None, retry: RetryPolicy | None) -> GitHubApi:
    settings = config.github if config is not None else None
    return GitHubApi(
        environment.api_url,
        environment.token,
        timeout_s=int(settings.timeout_s) if settings else 30,
        policy=retry,
        write_interval_s=settings.write_interval_s if settings else 1.0,
    )


def _config(options: RunOptions, base: BaseTree, base_sha: str, checkout: Path) -> Config:
    config = load_review_config(options.config_path, checkout, base, base_sha)
    return with_overrides(
        config,
        fail_on=options.fail_on,
        semgrep_config=options.semgrep_config,
        zap_report=options.zap_report,
        zap_target=options.zap_target,
        model=options.model,
        token_budget=options.token_budget,
        exclude=options.exclude,
    )


def run_in_actions(options: RunOptions, environ: Mapping[str, str], progress: Progress) -> ExitCode:
    environment = ActionsEnvironment.from_environ(environ)
    environment.require_repository()
    event = actions.read_event(environment)
    api = make_api(environment, None, options.retry)
    progress.stage(f"reading pull request #{event.number}")
    repo = api.call("read the repository", lambda: api.github.get_repo(environment.repository))
    base = base_tree(api, repo, environment.workspace, event.base_sha)
    config = _config(options, base, event.base_sha, environment.workspace)
    api = make_api(environment, config, options.retry)
    repo = api.adopt(repo)
    change, pull = gather_pull_request(api, repo, environment.repository, event, environment.workspace)
    github: GitHubReporter | None = None
    dismissals: Dismissals = NoDismissals()
    binding = f"{environment.repository}#{event.number}"
    # Without posting there is no summary of ours to keep the state in: every such run is full, for
    # the same reason a first review is (so that `publish` reproduces the summary a posting run has).
    prior = PriorReview(binding, full=options.full)
    if options.post:  # the pull request's dismissal replies count only in a run that reports there
        conversation = Conversation(api, repo, pull, config.github)
        if not options.full:
            prior = conversation.prior_review(binding)
        commentable = {f.path: f.commentable_lines for f in change.files}
        github = GitHubReporter(conversation, head_sha=event.head_sha, progress=progress, commentable=commentable)
        dismissals = PullRequestDismissals(conversation)
    source = ChangeReview(
        RunStart(
            change.target,
            event.number,
            config,
            actor=environment.actor,
            trigger=environment.event_name or "pull_request",
            purpose=f"security review of pull request #{event.number}",
        ),
        change,
        base,
        Credentials(anthropic_api_key=environment.anthropic_api_key),
        environ,
        repo_root=environment.workspace,
        config_file=options.config_path,
        dismissals=dismissals,
        prior=prior,
    )
    posting = [github] if github is not None else []
    reporters: list[Reporter] = [FilesReporter(options.out_dir, checkout=environment.workspace), *posting]
    reporters += actions_reporters(environment, options.out_dir, github)
    exit_code, _ = ReviewRun(
        source,
        reporters,
        progress,
        environ,
        out_dir=options.out_dir,
        checkout=environment.workspace,
        final_steps=posting,
    ).execute()
    progress.close()
    return exit_code


def _stricter_fail_on(config: Config, recorded: str) -> Config:
    """The run's `fail_on` (it may come from a `--fail-on` flag this job does not repeat) unless this
    job's own is stricter: an uploaded file can tighten the policy, never loosen it."""
    if recorded == "none":
        return config
    severity = Severity(recorded)
    if config.fail_on is not None and config.fail_on.rank <= severity.rank:
        return config
    return with_overrides(config, fail_on=recorded)


def _read_results(findings_path: Path) -> Any:
    """The uploaded findings.json, bounded, never through a link."""
    try:
        fd = os.open(findings_path, READ)
        with os.fdopen(fd, "rb") as stream:
            data = stream.read(MAX_RESULTS_BYTES + 1)
        if len(data) > MAX_RESULTS_BYTES:
            raise UsageError(f"{findings_path} is larger than {MAX_RESULTS_BYTES:,} bytes: not a findings.json")
        return json.loads(data)
    except (OSError, ValueError, RecursionError) as exc:
        raise UsageError(f"cannot read {findings_path}: {exc}") from exc


def _artifact_audit_head(results_dir: Path, progress: Progress) -> str | None:
    """The chain head of the uploaded audit.jsonl, which publish's own trail refers to (it never
    appends to it): None when there is none or it cannot be read as an audit log."""
    path = results_dir / AUDIT_FILE
    try:
        return chain_head(path)
    except FileNotFoundError:
        return None
    except (OSError, PrReviewError) as exc:
        progress.note(f"warning: the uploaded {AUDIT_FILE} cannot be read as an audit log: {exc}")
        return None


def _stale_notice(results_head: str, pull_head: str) -> str:
    """Results for another commit than the pull request's head are stale: their lines may have
    moved, so they go in the summary only, said so."""
    if results_head == pull_head:
        return ""
    return (
        f"these results are stale: they are for commit {results_head[:12]}, the pull request is now at "
        f"{pull_head[:12]}; nothing was commented inline"
    )


def publish_results(
    results_dir: Path, pr_number: int | None, options: RunOptions, environ: Mapping[str, str], progress: Progress
) -> ExitCode:
    """Post what an unprivileged `run --no-post` job found, with the exit code and summary that run
    had. Its files are untrusted data: schema-checked, known analyzer names only, every text
    neutralised when rendered; the pull request comes from this workflow's own event
    (publish_target.py), and results for another commit than its head are posted as a stale summary. This job's audit
    trail is its own file in `options.out_dir`, referring to the uploaded trail's chain head."""
    environment = ActionsEnvironment.from_environ(environ)
    environment.require_repository()
    findings_path = results_dir / "findings.json"
    document = _read_results(findings_path)
    api = make_api(environment, None, options.retry)
    repo = api.call("read the repository", lambda: api.github.get_repo(environment.repository))
    pull = publish_pull(api, repo, environment, pr_number)
    number = pull.number
    base = base_tree(api, repo, environment.workspace, pull.base.sha)
    config = _config(options, base, pull.base.sha, environment.workspace)
    outcome = outcome_from_json(document, config, source=str(findings_path), analyzer_names=ANALYZER_NAMES)
    outcome = replace(outcome, config=_stricter_fail_on(config, document.get("fail_on", "none")))
    if not _COMMIT_SHA.fullmatch(outcome.target.head):
        # Quoted in the log and in replies, and the comments' anchor: never free text from the upload.
        raise UsageError(f"{findings_path} is not a valid findings.json: target.head is not a commit sha")
    stale = _stale_notice(outcome.target.head, pull.head.sha)
    if stale:
        progress.note(f"warning: {stale}")
        actions.append_step_summary(environment.step_summary, f"> ⚠️ {stale}\n")
    api = make_api(environment, config, options.retry)
    # Objects read through the first client would write with its settings (write spacing, timeout).
    repo, pull = api.adopt(repo), api.adopt(pull)
    conversation = Conversation(api, repo, pull, config.github)
    github = GitHubReporter(
        conversation, head_sha=outcome.target.head, progress=progress, required=True, stale_notice=stale
    )
    start = RunStart(
        outcome.target,
        number,
        outcome.config,
        actor=environment.actor,
        trigger=environment.event_name or "workflow_run",
        purpose=f"publish the results of a pull_request run to pull request #{number}",
        artifact_audit_head=_artifact_audit_head(results_dir, progress),
    )
    exit_code, _ = ReviewRun(
        UploadedOutcome(start, outcome, PullRequestDismissals(conversation)),
        [github, *actions_reporters(environment, results_dir, github)],
        progress,
        environ,
        out_dir=options.out_dir,
        checkout=environment.workspace,
        audit_file=PUBLISH_AUDIT_FILE,
        finding_status="existing",
        final_steps=[github],
    ).execute()
    return exit_code
