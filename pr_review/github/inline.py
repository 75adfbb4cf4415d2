"""The inline comments of one run: planned on the lines GitHub accepts, posted as one review, and
when GitHub refuses it (422: the diff moved, a line is no longer commentable) the refused comments
found and left out, so that nothing else is lost."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from github.Commit import Commit

from pr_review import audit_events as events
from pr_review.audit import AuditSink
from pr_review.github.client import GitHubError
from pr_review.github.comments import inline_body
from pr_review.github.conversation import Conversation
from pr_review.github.pull_request import api_commentable_lines
from pr_review.models import CodeLocation, Finding

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Planned:
    finding: Finding
    start: int
    end: int

    def payload(self, body: str) -> dict[str, Any]:
        path = self.finding.location.path if isinstance(self.finding.location, CodeLocation) else ""
        comment: dict[str, Any] = {"path": path, "body": body, "line": self.end, "side": "RIGHT"}
        if self.start != self.end:
            comment |= {"start_line": self.start, "start_side": "RIGHT"}
        return comment


def comment_range(finding: Finding, commentable: Collection[int]) -> tuple[int, int] | None:
    location = finding.location
    if not isinstance(location, CodeLocation):
        return None
    # Walk the commentable lines, not the span: an uploaded findings.json can claim any end_line.
    lines = sorted(n for n in commentable if location.start_line <= n <= location.end_line)
    return (lines[0], lines[-1]) if lines else None


class InlineReview:
    def __init__(
        self, conversation: Conversation, *, head_sha: str, audit: AuditSink, known_secrets: Collection[str]
    ) -> None:
        self.conversation = conversation
        self.api, self.repo, self.pull = conversation.api, conversation.repo, conversation.pull
        self.head_sha = head_sha
        self.audit = audit
        self.known_secrets = known_secrets
        self._commit: Commit | None = None

    def post(self, planned: list[Planned]) -> tuple[list[Planned], list[Planned]]:
        """One review with every comment; on 422 the refused comments are found and left out."""
        if not planned:
            return [], []
        try:
            self._send_review(planned)
            return planned, []
        except GitHubError as exc:
            if exc.status != 422:
                raise
            logger.warning("GitHub refused the review (422): checking each comment against the current diff")
        fresh = api_commentable_lines(self.api, self.pull)
        keep = [p for p in planned if comment_range(p.finding, fresh.get(p.finding.path or "", ())) == (p.start, p.end)]
        refused = [p for p in planned if p not in keep]
        if keep:  # fewer comments, or the same ones once more (the diff may have moved meanwhile)
            try:
                self._send_review(keep)
                return keep, refused
            except GitHubError as exc:
                if exc.status != 422:
                    raise
        # Still refused, and GitHub does not say which comment: send them one by one.
        posted: list[Planned] = []
        for item in keep:
            try:
                self._send_single(item)
                posted.append(item)
            except GitHubError as exc:
                if exc.status != 422:
                    raise
                refused.append(item)
        return posted, refused

    def _landed(self, fingerprints: set[str]) -> Callable[[], object | None]:
        """A comment of ours for one of these fingerprints that no run has recorded yet: the one an
        attempt whose answer was lost posted."""

        def check() -> object | None:
            comments = self.conversation.review_comments()
            marked = self.conversation.marked(comments)
            recorded = self.conversation.record.comments
            return next((c for c in comments if c.id not in recorded and marked.get(c.id) in fingerprints), None)

        return check

    def _head_commit(self) -> Commit:
        """The commit the comments are anchored to: the reviewed head, not whatever is newest."""
        if self._commit is None:
            commits: list[Commit] = self.api.call(
                "list the pull request's commits", lambda: list(self.pull.get_commits())
            )
            found = next((c for c in commits if c.sha == self.head_sha), None)
            self._commit = found or self.api.call("read the head commit", lambda: self.repo.get_commit(self.head_sha))
        return self._commit

    def _send_review(self, planned: list[Planned]) -> None:
        comments = [p.payload(inline_body(p.finding, known_secrets=self.known_secrets)) for p in planned]
        commit = self._head_commit()
        review = self.api.write(
            "post the review",
            lambda: self.pull.create_review(commit=commit, body="", event="COMMENT", comments=comments),  # type: ignore[arg-type]
            landed=self._landed({p.finding.fingerprint for p in planned}),
        )
        events.action(
            self.audit,
            kind="review",
            id=int(getattr(review, "id", 0) or 0),
            url=str(getattr(review, "html_url", "") or ""),
        )

    def _send_single(self, item: Planned) -> None:
        payload = item.payload(inline_body(item.finding, known_secrets=self.known_secrets))
        commit = self._head_commit()
        extra = {"start_line": payload["start_line"], "start_side": "RIGHT"} if "start_line" in payload else {}
        comment = self.api.write(
            "post an inline comment",
            lambda: self.pull.create_review_comment(
                payload["body"], commit, payload["path"], line=payload["line"], side="RIGHT", **extra
            ),
            landed=self._landed({item.finding.fingerprint}),
        )
        events.action(
            self.audit,
            kind="comment",
            id=int(getattr(comment, "id", 0) or 0),
            url=str(getattr(comment, "html_url", "") or ""),
        )
