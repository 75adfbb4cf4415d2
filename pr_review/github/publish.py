"""Report an outcome on the pull request: one review of new inline comments, one summary comment
edited in place, the escalation label and reviewers, "no longer detected" replies on resolved
findings. Safe to re-run: nothing is posted twice. The outcome is final when it gets here:
reviewers' dismissals and the leak guard are pipeline stages (pipeline.finish)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from github.IssueComment import IssueComment
from github.PullRequestComment import PullRequestComment

from pr_review import audit_events as events
from pr_review.analyzers.base import AnalyzerStatus
from pr_review.audit import AuditSink
from pr_review.github.audit_head import mark_summary
from pr_review.github.comments import (
    SummaryRecord,
    bounded_record,
    resolved_fingerprint,
    resolved_marker,
    summary_body,
    summary_text_budget,
)
from pr_review.github.conversation import Conversation, reply_to
from pr_review.github.escalation import Escalation
from pr_review.github.inline import InlineReview, Planned, comment_range
from pr_review.github.pull_request import api_commentable_lines
from pr_review.outcome import ReviewOutcome
from pr_review.progress import Progress
from pr_review.report.markdown import cell, render_summary
from pr_review.report.reporter import Reported

OUTSIDE_DIFF = "in the summary: outside the diff"
REFUSED = "in the summary: GitHub refused an inline comment on this line (422)"
STALE = "in the summary: the results are stale"
# Where every finding is when a summary cannot list them all.
RESULTS_FILES = "`findings.json` and `results.sarif` (the results directory the workflow uploads as an artifact)"
ELSEWHERE = f"{RESULTS_FILES} and in this run's job summary"


@dataclass(frozen=True)
class PublishResult:
    inline: tuple[str, ...] = ()  # fingerprints commented inline by this run
    already_commented: tuple[str, ...] = ()
    placement: Mapping[str, str] = field(default_factory=dict)  # fingerprint → where it is reported
    resolved: tuple[str, ...] = ()
    summary_url: str = ""
    escalated: bool = False
    reviewers: tuple[str, ...] = ()
    write_denied: str = ""  # why posting stopped (fork PR, read-only token); results are in the files


class Publisher:
    def __init__(
        self,
        conversation: Conversation,
        outcome: ReviewOutcome,
        *,
        head_sha: str,
        audit: AuditSink,
        stale_notice: str = "",
    ) -> None:
        self.conversation = conversation
        self.api, self.repo, self.pull = conversation.api, conversation.repo, conversation.pull
        self.outcome = outcome
        self.settings = outcome.config.github
        self.escalation = outcome.config.escalation
        self.head_sha = head_sha
        self.audit = audit
        self.stale_notice = stale_notice  # results for an older commit: summary only, saying so
        self.inline = InlineReview(conversation, head_sha=head_sha, audit=audit, known_secrets=outcome.sensitive_values)

    def _reply_resolved(self, existing: Mapping[str, PullRequestComment], resolved: list[str]) -> None:
        if not self.settings.reply_when_resolved:
            return
        answered = {reply_to(r) for r in self.conversation.review_comments() if self._our_resolved_reply(r)}
        for fingerprint in resolved:
            thread = existing.get(fingerprint)
            if thread is None or thread.id in answered:
                continue
            body = f"No longer detected at {self.head_sha[:12]}.\n\n{resolved_marker(fingerprint)}"
            self._reply(thread.id, body)

    def _reply(self, comment_id: int, body: str) -> None:
        reply = self.api.write(
            "reply on a resolved finding",
            lambda: self.pull.create_review_comment_reply(comment_id, body),
            landed=lambda: self._resolved_reply(comment_id),
        )
        events.action(self.audit, kind="reply", id=reply.id, url=reply.html_url)

    def _our_resolved_reply(self, comment: PullRequestComment) -> bool:
        return (
            reply_to(comment) is not None
            and self.conversation.ours(comment.user)
            and resolved_fingerprint(comment.body) is not None
        )

    def _resolved_reply(self, comment_id: int) -> PullRequestComment | None:
        """Our "no longer detected" reply on that thread, when an attempt whose answer was lost posted it."""
        comments = self.conversation.review_comments()
        return next((c for c in comments if reply_to(c) == comment_id and self._our_resolved_reply(c)), None)

    def _upsert_summary(self, body: str, previous: IssueComment | None) -> str:
        if previous is not None:
            self.api.call("edit the summary comment", lambda: previous.edit(body))
            events.action(self.audit, kind="summary", id=previous.id, url=previous.html_url)
            return previous.html_url
        comment = self.api.write(
            "post the summary comment",
            lambda: self.pull.create_issue_comment(body),
            landed=self.conversation.existing_summary,
        )
        events.action(self.audit, kind="summary", id=comment.id, url=comment.html_url)
        return comment.html_url

    # -- the whole report ----------------------------------------------------------------------------
    def publish(self, commentable: Mapping[str, Collection[int]] | None = None) -> PublishResult:
        """`commentable`: lines per file GitHub accepts a comment on (None: read them from the API)."""
        published = self.conversation.unless_denied(lambda: self._publish(commentable), None)
        return published or PublishResult(write_denied=self.conversation.write_denied)

    def _publish(self, commentable: Mapping[str, Collection[int]] | None) -> PublishResult:
        previous = self.conversation.previous
        if commentable is None:
            commentable = api_commentable_lines(self.api, self.pull)
        existing = self.conversation.existing_inline()
        placement: dict[str, str] = {}
        planned: list[Planned] = []
        cap = self.settings.max_inline_comments
        for finding in self.outcome.findings:
            if finding.fingerprint in existing:
                placement[finding.fingerprint] = "inline (earlier run)"
                continue
            if self.stale_notice:
                placement[finding.fingerprint] = STALE
                continue
            span = comment_range(finding, commentable.get(finding.path or "", ()))
            if span is None:
                placement[finding.fingerprint] = OUTSIDE_DIFF
            elif len(planned) >= cap:
                placement[finding.fingerprint] = f"in the summary: over the cap of {cap} inline comments"
            else:
                planned.append(Planned(finding, *span))
        posted, refused = self.inline.post(planned)
        placement |= {p.finding.fingerprint: "inline" for p in posted}
        placement |= {p.finding.fingerprint: REFUSED for p in refused}
        current: set[str] = {f.fingerprint for f in self.outcome.findings}
        current |= {s.finding.fingerprint for s in self.outcome.suppressed}  # decided, not resolved
        earlier = set(existing) | self.conversation.record.fingerprints
        if any(r.status is AnalyzerStatus.FAILED for r in self.outcome.analyzers):
            # An analyzer that failed saw nothing: its earlier findings are unknown, not resolved.
            current |= earlier
        elif unseen := _unseen_files(self.outcome):
            # A file an analyzer left unread this run (over claude.max_input_tokens, a Semgrep
            # timeout): its earlier findings are unknown too. A finding only in the summary has no
            # recorded file, so those are all kept.
            current |= {fp for fp, comment in existing.items() if comment.path in unseen}
            current |= self.conversation.record.fingerprints - set(existing)
        resolved = sorted(earlier - current)
        if not self.stale_notice:  # "no longer detected" at an older commit would mislead
            self._reply_resolved(existing, resolved)
        escalated, reviewers, reviewers_refused = Escalation(
            self.api, self.repo, self.pull, self.escalation, self.audit
        ).apply(self.outcome.findings, needs_approval=bool(self.outcome.needs_approval))
        extra = self._extra_sections(resolved, escalated, reviewers, reviewers_refused)
        # The next run's incremental state, from this run's Claude review ("" when it kept none).
        state = next((r.next_state for r in self.outcome.analyzers if r.next_state), "")
        record = bounded_record(
            SummaryRecord(
                frozenset(current), self._posted_comments({p.finding.fingerprint for p in posted}), state=state
            )
        )
        text = render_summary(
            self.outcome, placement=placement, extra=extra, budget=summary_text_budget(record), elsewhere=ELSEWHERE
        )
        body = summary_body(text, record)
        url = self._upsert_summary(body, previous)
        return PublishResult(
            inline=tuple(p.finding.fingerprint for p in posted),
            already_commented=tuple(fp for fp in existing if fp in current),
            placement=placement,
            resolved=tuple(resolved),
            summary_url=url,
            escalated=escalated,
            reviewers=reviewers,
        )

    def _posted_comments(self, posted: set[str]) -> dict[int, str]:
        """The record of our finding threads: those already recorded, and the ones this run posted."""
        comments = self.conversation.review_comments()
        threads = self.conversation.threads(comments)
        new = {cid: fp for cid, fp in self.conversation.marked(comments).items() if cid not in threads and fp in posted}
        return threads | new

    def _extra_sections(
        self, resolved: list[str], escalated: bool, reviewers: tuple[str, ...], reviewers_refused: str
    ) -> list[str]:
        lines: list[str] = ["", f"⚠️ **Stale:** {cell(self.stale_notice, 300)}."] if self.stale_notice else []
        if escalated:
            who = f" Review requested from {', '.join(cell(r, 60) for r in reviewers)}." if reviewers else ""
            lines += [
                "",
                f"🚨 Escalated: labelled `{cell(self.escalation.label, 50)}` (findings at or above "
                f"{self.escalation.severity.value}"
                + (", or a suppression added by this pull request" if self.outcome.needs_approval else "")
                + f"); a maintainer clears the label.{who}",
            ]
        if resolved:
            lines += ["", f"### Resolved since the last run ({len(resolved)})", ""]
            lines += [f"- `{fp[:12]}` no longer detected at `{self.head_sha[:12]}`" for fp in resolved[:50]]
        if reviewers_refused:
            lines += ["", f"⚠️ Reviewers could not be requested: {cell(reviewers_refused, 300)}"]
        return lines


class GitHubReporter:
    """Posts on the pull request; once the audit trail is finished, puts its head in the summary.
    `required` (publish, whose only job is posting): a token GitHub refuses fails the run."""

    def __init__(
        self,
        conversation: Conversation,
        *,
        head_sha: str,
        progress: Progress,
        commentable: Mapping[str, Collection[int]] | None = None,
        required: bool = False,
        stale_notice: str = "",
    ) -> None:
        self.conversation = conversation
        self.head_sha, self.progress = head_sha, progress
        self.commentable = commentable
        self.required = required
        self.stale_notice = stale_notice
        self.published: PublishResult | None = None

    def report(self, outcome: ReviewOutcome, audit: AuditSink) -> Reported:
        self.progress.stage("reporting on the pull request")
        publisher = Publisher(
            self.conversation, outcome, head_sha=self.head_sha, audit=audit, stale_notice=self.stale_notice
        )
        self.published = published = publisher.publish(self.commentable)
        if not published.write_denied:
            return Reported(f"posted {len(published.inline)} inline comment(s) and the summary comment")
        if self.required:
            self.progress.note(f"error: nothing could be posted: {published.write_denied}")
        else:
            self.progress.note(f"could not post to the pull request ({published.write_denied}); see the job summary")
        return Reported(f"posted nothing: {published.write_denied}", fails_run=self.required)

    def finished(self, audit_head: str | None) -> None:
        """The audit head into the summary comment this run posted, if it posted one."""
        if self.published is not None and not self.published.write_denied and self.published.summary_url:
            mark_summary(self.conversation, audit_head, self.progress)


def _unseen_files(outcome: ReviewOutcome) -> frozenset[str]:
    """Files of the change at its head that an analyzer which ran did not read."""
    changed = frozenset(outcome.reviewed_files)
    return frozenset(
        n.path for r in outcome.analyzers if r.status is AnalyzerStatus.OK for n in r.not_reviewed if n.path in changed
    )
