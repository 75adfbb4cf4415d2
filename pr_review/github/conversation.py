"""What is on the pull request already, read once per run and shared by the stage that reads
reviewers' dismissals and the reporter that posts: who we post as, our summary comment and the
record it carries, our finding threads. A token that may not read or write there (a fork's pull
request, a read-only token) is remembered, not raised: the results are still in the files."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from github.IssueComment import IssueComment
from github.NamedUser import NamedUser
from github.Organization import Organization
from github.PullRequest import PullRequest
from github.PullRequestComment import PullRequestComment
from github.Repository import Repository

from pr_review.analyzers.base import PriorReview
from pr_review.config import GitHubSettings
from pr_review.github.client import GitHubApi, GitHubError
from pr_review.github.comments import SummaryRecord, is_summary, marked_fingerprint, read_record

logger = logging.getLogger(__name__)

T = TypeVar("T")
ACTIONS_BOT = "github-actions[bot]"  # the author of every comment GITHUB_TOKEN writes


def author_is_us(user: NamedUser | Organization, bot_login: str | None) -> bool:
    """Markers count only in comments we wrote: anyone else could forge one to silence a finding."""
    return user.login == bot_login if bot_login else user.type == "Bot"


def reply_to(comment: PullRequestComment) -> int | None:
    answered: int | None = comment.in_reply_to_id  # PyGithub types it int; top-level comments have none
    return answered


def _is_write_denied(exc: GitHubError) -> bool:
    return exc.status in (401, 403, 404) and "rate limit" not in str(exc).lower()


class Conversation:
    def __init__(self, api: GitHubApi, repo: Repository, pull: PullRequest, settings: GitHubSettings) -> None:
        self.api, self.repo, self.pull = api, repo, pull
        self.settings = settings
        self.identity = settings.bot_login
        self.previous: IssueComment | None = None  # our summary comment, as this run found it
        self.record = SummaryRecord()  # what our summary says we posted, read before anything else
        self.write_denied = ""  # why nothing can be posted
        self._opened = False

    def unless_denied(self, action: Callable[[], T], denied: T) -> T:
        """`action`, or `denied` once GitHub refuses this token (that refusal is kept)."""
        if self.write_denied:
            return denied
        try:
            self._open()
            return action()
        except GitHubError as exc:
            if not _is_write_denied(exc):
                raise
            logger.warning("cannot post to the pull request: %s", exc)
            self.write_denied = str(exc)
            return denied

    def _open(self) -> None:
        if self._opened:
            return
        self.identity = self._token_identity()
        self.previous = self.existing_summary()
        self.record = read_record(self.previous.body) if self.previous is not None else SummaryRecord()
        self._opened = True

    def prior_review(self, binding: str) -> PriorReview:
        """The incremental state our summary comment carries, read before the review. Only a summary
        the token's own identity wrote is read (existing_summary); the analyzer checks its HMAC."""
        self.unless_denied(lambda: None, None)
        if self.write_denied:
            return PriorReview(binding, unavailable=f"the earlier review state could not be read: {self.write_denied}")
        previous = self.previous
        origin = f"summary comment {previous.id} by {previous.user.login}" if previous is not None else ""
        # An installation token cannot name itself; the Actions token always posts as ACTIONS_BOT.
        pinned = self.identity is not None or (previous is not None and previous.user.login == ACTIONS_BOT)
        return PriorReview(binding, self.record.state, origin, author_pinned=pinned)

    def ours(self, user: NamedUser | Organization) -> bool:
        return author_is_us(user, self.identity)

    def _token_identity(self) -> str | None:
        """Who we post as: `github.bot_login`, else the token's own user (a personal token), else None
        for an installation token such as GITHUB_TOKEN, which GitHub does not let read /user: then
        any Bot account counts (set `github.bot_login` when another bot could echo PR text)."""
        if self.settings.bot_login:
            return self.settings.bot_login
        try:
            login: str = self.api.call("read the token's user", lambda: self.api.github.get_user().login)
        except GitHubError as exc:
            if exc.status not in (403, 404):
                raise
            return None
        return login

    def review_comments(self) -> list[PullRequestComment]:
        comments: list[PullRequestComment] = self.api.call(
            "list review comments", lambda: list(self.pull.get_review_comments())
        )
        return sorted(comments, key=lambda c: c.id)

    def marked(self, comments: list[PullRequestComment]) -> dict[int, str]:
        """Top-level comments of ours whose last line is their one marker: comment id → fingerprint."""
        return {
            c.id: fp
            for c in comments
            if reply_to(c) is None and self.ours(c.user) and (fp := marked_fingerprint(c.body)) is not None
        }

    def threads(self, comments: list[PullRequestComment]) -> dict[int, str]:
        """Our finding threads: the marked comments our summary records with that same fingerprint.
        A marker is only text; the record is what binds a fingerprint to the comment we posted."""
        return {
            cid: fp
            for cid, fp in self.marked(comments).items()
            if self.record.comments.get(cid) == fp or (self.record.legacy and fp in self.record.fingerprints)
        }

    def existing_inline(self) -> dict[str, PullRequestComment]:
        comments = self.review_comments()
        threads = self.threads(comments)
        found: dict[str, PullRequestComment] = {}
        for comment in comments:
            if comment.id in threads:
                found.setdefault(threads[comment.id], comment)
        return found

    def existing_summary(self) -> IssueComment | None:
        comments: list[IssueComment] = self.api.call("list comments", lambda: list(self.pull.get_issue_comments()))
        ours = [c for c in comments if is_summary(c.body) and self.ours(c.user)]
        return ours[-1] if ours else None
