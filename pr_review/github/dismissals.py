"""Reviewers' dismissals read from the pull request: `/pr-review dismiss <reason>` replies on our
finding threads, an input of the pipeline's triage stage (triage/dismiss.py decides who may)."""

from __future__ import annotations

from collections.abc import Iterable

from pr_review.config import TriageSettings
from pr_review.github.client import GitHubError
from pr_review.github.conversation import Conversation, reply_to
from pr_review.triage.dismiss import Decided, DismissRequest, decide, parse_dismiss


class PullRequestDismissals:
    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation

    def decide(self, current: Iterable[str], settings: TriageSettings) -> Decided:
        """A reply dismisses the fingerprint our record binds to the comment it answers, whatever any
        body says. A token GitHub refuses reads none: nothing is dismissed, nothing is posted."""
        nothing: Decided = ({}, [])
        return self.conversation.unless_denied(lambda: self._decide(list(current), settings), nothing)

    def _decide(self, current: list[str], settings: TriageSettings) -> Decided:
        conversation = self.conversation
        comments = conversation.review_comments()
        roots = conversation.threads(comments)
        requests = [
            DismissRequest(roots[root], c.user.login, reason, c.id, root)
            for c in comments
            if (root := reply_to(c)) in roots
            and not conversation.ours(c.user)
            and (reason := parse_dismiss(c.body)) is not None
        ]
        if not requests:
            return {}, []
        return decide(
            requests,
            current=current,
            author=conversation.pull.user.login,
            author_can_dismiss=settings.author_can_dismiss,
            permission_of=self._permission_of,
        )

    def _permission_of(self, login: str) -> str:
        repo = self.conversation.repo
        try:
            permission: str = self.conversation.api.call(
                "read a collaborator's permission", lambda: repo.get_collaborator_permission(login)
            )
        except GitHubError as exc:
            if exc.status not in (403, 404):
                raise
            return "none"
        return permission
