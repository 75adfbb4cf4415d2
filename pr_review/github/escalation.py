"""Escalation: the label a maintainer triages, and the reviewers the base configuration names."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from github import GithubException
from github.PullRequest import PullRequest
from github.Repository import Repository

from pr_review import audit_events as events
from pr_review.audit import AuditSink
from pr_review.config import EscalationSettings
from pr_review.github.client import GitHubApi, GitHubError
from pr_review.models import Finding

logger = logging.getLogger(__name__)

LABEL_COLOUR = "b60205"
LABEL_DESCRIPTION = "pr-review found a high-severity security issue: a human must look"


class Escalation:
    def __init__(
        self, api: GitHubApi, repo: Repository, pull: PullRequest, settings: EscalationSettings, audit: AuditSink
    ) -> None:
        self.api, self.repo, self.pull, self.settings, self.audit = api, repo, pull, settings, audit

    def apply(self, findings: Iterable[Finding], *, needs_approval: bool) -> tuple[bool, tuple[str, ...], str]:
        """(escalated, reviewers requested, why reviewers could not be requested). The label is
        never removed unless escalation.remove_when_clear: a human clears it."""
        needed = needs_approval or any(f.severity.at_least(self.settings.severity) for f in findings)
        label = self.settings.label
        current = {lbl.name for lbl in self.api.call("list labels", lambda: list(self.pull.get_labels()))}
        if not needed:
            if self.settings.remove_when_clear and label in current:
                self.api.call("remove the escalation label", lambda: self.pull.remove_from_labels(label))
                events.action(self.audit, kind="label", id=f"-{label}")
            return False, (), ""
        if label not in current:
            self._ensure_label(label)
            self.api.call("add the escalation label", lambda: self.pull.add_to_labels(label))
            events.action(self.audit, kind="label", id=label)
        return (True, *self._request_reviewers())

    def _ensure_label(self, name: str) -> None:
        try:
            self.api.call("read the escalation label", lambda: self.repo.get_label(name))
        except GitHubError as exc:
            if exc.status != 404:
                raise
            self.api.write(
                "create the escalation label",
                lambda: self.repo.create_label(name, LABEL_COLOUR, LABEL_DESCRIPTION),
                landed=lambda: self._label_or_none(name),
            )

    def _label_or_none(self, name: str) -> object | None:
        try:
            return self.repo.get_label(name)
        except GithubException:
            return None

    def _request_reviewers(self) -> tuple[tuple[str, ...], str]:
        """Reviewers come from the base configuration only, never from model output."""
        wanted = self.settings.reviewers
        if not wanted:
            return (), ""
        users = [r for r in wanted if "/" not in r]
        teams = [r.split("/", 1)[1] for r in wanted if "/" in r]
        try:
            self.api.call(
                "request reviewers",
                lambda: self.pull.create_review_request(reviewers=users or [], team_reviewers=teams or []),
            )
        except GitHubError as exc:
            if exc.status != 422:
                raise
            # The PR's author or a non-collaborator is on the list: the label and the report still go out.
            logger.warning("could not request reviewers: %s", exc)
            return (), str(exc)
        events.action(self.audit, kind="reviewers", id=",".join(wanted))
        return tuple(wanted), ""
