"""The audit trail's chain head in the pull request's summary comment, so that an auditor can tell a
log cut at a run boundary from a complete one (`pr-review audit verify FILE --pr N`).

The head is the hash of the trail's last line, run_finished, so it is only known once the run has
ended: the summary comment is edited once more to carry it in its record, the comment's one marker
and last line (github/comments.py). That edit is the one write a run does not record in its own
trail (it cannot: it carries the hash of the trail's end). The head counts only there, in a summary
comment the bot itself wrote: text quoted from the pull request or the model never carries `<!--`,
and anyone else's comment is ignored.
"""

from __future__ import annotations

import logging

from github.IssueComment import IssueComment

from pr_review.audit_verify import check_head
from pr_review.github.client import GitHubApi, GitHubError
from pr_review.github.comments import is_summary, read_record, with_audit_head
from pr_review.github.conversation import Conversation, author_is_us
from pr_review.progress import Progress

logger = logging.getLogger(__name__)


def audit_head_of(body: str) -> str | None:
    """The head in the record of a summary comment of ours, or None."""
    return read_record(body).audit_head


def mark_summary(conversation: Conversation, head: str | None, progress: Progress) -> None:
    """Put the finished trail's head into the summary comment this run posted: the run's last step.
    A failure here cannot change the finished review: it is reported, and the head is still in the
    step output and the job summary."""
    if not head:
        return
    try:
        summary = conversation.existing_summary()
        if summary is not None:
            body = with_audit_head(summary.body or "", check_head(head))
            conversation.api.call("add the audit head to the summary comment", lambda: summary.edit(body))
            return
        problem = "the summary comment this run posted is gone"
    except GitHubError as exc:
        problem = str(exc)
    logger.warning("audit head not added to the summary comment: %s", problem)
    progress.note(f"warning: the audit head is not in the summary comment ({problem}); it is in the job summary")


def published_head(api: GitHubApi, repository: str, number: int, bot_login: str | None) -> str | None:
    """The audit head in the bot's latest summary comment on pull request `number`, or None."""
    repo = api.call("read the repository", lambda: api.github.get_repo(repository))
    pull = api.call(f"read pull request #{number}", lambda: repo.get_pull(number))
    comments: list[IssueComment] = api.call("list comments", lambda: list(pull.get_issue_comments()))
    ours = [c for c in comments if is_summary(c.body or "") and author_is_us(c.user, bot_login)]
    return audit_head_of(ours[-1].body or "") if ours else None
