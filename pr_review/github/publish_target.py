"""Which pull request `publish` posts to: decided by this workflow's own event and the GitHub API,
never by the uploaded results (a job that ran the pull request's code wrote them).

Under `workflow_run`, GitHub leaves `workflow_run.pull_requests` empty for a pull request from a
fork, so the pull request is found from the triggering run itself: the open pull request whose head
is the run's head commit, narrowed by the head label `<owner>:<branch>` when the event has one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from github.PullRequest import PullRequest
from github.Repository import Repository

from pr_review.errors import UsageError
from pr_review.github import actions
from pr_review.github.actions import ActionsEnvironment
from pr_review.github.client import GitHubApi

PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
MAX_LABEL_CHARS = 512  # owner (39) + ':' + a branch name (git allows long ones; GitHub caps refs near 255)


@dataclass(frozen=True, slots=True)
class TriggeringRun:
    """The `workflow_run` that uploaded the results, as GitHub describes it in this job's event."""

    head_sha: str
    head_label: str | None  # `<head repository owner>:<head branch>`, when both are present
    pull_numbers: tuple[int, ...]  # empty for a pull request from a fork


def _into_this_repository(entry: Any, repository: str) -> bool:
    """A `workflow_run.pull_requests` entry whose base is this repository: GitHub also lists pull
    requests of other repositories there (a fork's own ones), whose numbers mean nothing here."""
    url = ((entry.get("base") or {}).get("repo") or {}).get("url") if isinstance(entry, dict) else None
    return isinstance(url, str) and url.lower().endswith(f"/repos/{repository.lower()}")


def read_triggering_run(environment: ActionsEnvironment) -> TriggeringRun:
    payload = actions.event_payload(
        environment, hint="run `publish` in a GitHub Actions job, or pass --pr N outside one"
    )
    run = payload.get("workflow_run") if isinstance(payload, dict) else None
    head_sha = run.get("head_sha") if isinstance(run, dict) else None
    if not isinstance(run, dict) or not isinstance(head_sha, str) or not head_sha:
        raise UsageError("the workflow_run event carries no workflow_run.head_sha")
    owner = ((run.get("head_repository") or {}).get("owner") or {}).get("login")
    branch = run.get("head_branch")
    label = f"{owner}:{branch}" if isinstance(owner, str) and owner and isinstance(branch, str) and branch else None
    numbers = tuple(
        p["number"]
        for p in run.get("pull_requests") or []
        if _into_this_repository(p, environment.repository) and isinstance(p.get("number"), int)
    )
    return TriggeringRun(head_sha, label if label and len(label) <= MAX_LABEL_CHARS else None, numbers)


def _read_pull(api: GitHubApi, repo: Repository, number: int) -> PullRequest:
    return api.call(f"read pull request #{number}", lambda: repo.get_pull(number))


def _pull_of_run(api: GitHubApi, repo: Repository, run: TriggeringRun) -> PullRequest:
    """The open pull request whose head is the triggering run's head commit."""
    where = f" from {run.head_label}" if run.head_label else ""

    def matching() -> list[PullRequest]:
        pulls = repo.get_pulls(state="open", head=run.head_label) if run.head_label else repo.get_pulls(state="open")
        return [p for p in pulls if p.head.sha == run.head_sha]

    found = api.call("list the open pull requests", matching)
    if not found:
        raise UsageError(
            f"no open pull request{where} has the triggering run's head commit {run.head_sha[:12]}",
            hint="the pull request was closed or has new commits since that run; its next run publishes again",
        )
    if len(found) > 1:
        numbers = ", ".join(f"#{p.number}" for p in found)
        raise UsageError(
            f"open pull requests {numbers} all have head commit {run.head_sha[:12]}: cannot tell which to publish to",
            hint="pass --pr N",
        )
    return found[0]


def _pull_of_workflow_run(
    api: GitHubApi, repo: Repository, environment: ActionsEnvironment, pr: int | None
) -> PullRequest:
    run = read_triggering_run(environment)
    if pr is None and run.pull_numbers:
        return _read_pull(api, repo, run.pull_numbers[0])
    if pr is None:
        return _pull_of_run(api, repo, run)
    pull = _read_pull(api, repo, pr)
    if pull.head.sha != run.head_sha:
        raise UsageError(
            f"pull request #{pr} is at {pull.head.sha[:12]}, the triggering run was for {run.head_sha[:12]}",
            hint="--pr must name the pull request the triggering run reviewed",
        )
    return pull


def publish_pull(api: GitHubApi, repo: Repository, environment: ActionsEnvironment, pr: int | None) -> PullRequest:
    """The pull request to publish to: under `workflow_run`, the triggering run's (`--pr` must agree
    with its head); under `pull_request`, the event's (`--pr` must agree); elsewhere, `--pr`."""
    if environment.event_name == "workflow_run":
        return _pull_of_workflow_run(api, repo, environment, pr)
    if environment.event_name in PULL_REQUEST_EVENTS:
        event = actions.read_event(environment)
        if pr is not None and pr != event.number:
            raise UsageError(f"--pr {pr} is not this {environment.event_name} event's pull request #{event.number}")
        return _read_pull(api, repo, event.number)
    if pr is None:
        raise UsageError(
            "cannot tell which pull request to publish to",
            hint="pass --pr N, or run `publish` from a workflow_run or pull_request event",
        )
    return _read_pull(api, repo, pr)
