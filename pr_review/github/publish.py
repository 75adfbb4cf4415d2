"""Report an outcome on the pull request: one review of new inline comments, one summary comment
edited in place, the escalation label and reviewers. Safe to re-run: nothing is posted twice."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from github.Commit import Commit
from github.IssueComment import IssueComment
from github.NamedUser import NamedUser
from github.Organization import Organization
from github.PullRequest import PullRequest
from github.PullRequestComment import PullRequestComment
from github.Repository import Repository

from pr_review import audit_events as events
from pr_review.analyzers.base import AnalyzerStatus
from pr_review.audit_events import AuditSink
from pr_review.classify.detect import guard_output
from pr_review.github.client import GitHubApi, GitHubError
from pr_review.github.comments import (
    SummaryRecord,
    inline_body,
    is_summary,
    marked_fingerprint,
    read_record,
    resolved_fingerprint,
    resolved_marker,
    summary_body,
)
from pr_review.github.escalation import Escalation
from pr_review.github.pull_request import api_commentable_lines
from pr_review.models import CodeLocation, Finding
from pr_review.report.markdown import cell, render_summary
from pr_review.report.sanitize import defuse_markers
from pr_review.triage.dismiss import DismissRequest, apply_dismissals, decide, parse_dismiss

if TYPE_CHECKING:
    from pr_review.outcome import ReviewOutcome

logger = logging.getLogger(__name__)

OUTSIDE_DIFF = "in the summary: outside the diff"
REFUSED = "in the summary: GitHub refused an inline comment on this line (422)"


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
    outcome: ReviewOutcome | None = None  # the outcome as reported: reviewer dismissals applied


@dataclass(frozen=True, slots=True)
class _Planned:
    finding: Finding
    start: int
    end: int

    def payload(self, body: str) -> dict[str, Any]:
        path = self.finding.location.path if isinstance(self.finding.location, CodeLocation) else ""
        comment: dict[str, Any] = {"path": path, "body": body, "line": self.end, "side": "RIGHT"}
        if self.start != self.end:
            comment |= {"start_line": self.start, "start_side": "RIGHT"}
        return comment


def _by_id(comments: list[PullRequestComment]) -> list[PullRequestComment]:
    return sorted(comments, key=lambda c: c.id)


def _author_is_us(user: NamedUser | Organization, bot_login: str | None) -> bool:
    """Markers count only in comments we wrote: anyone else could forge one to silence a finding."""
    return user.login == bot_login if bot_login else user.type == "Bot"


def _reply_to(comment: PullRequestComment) -> int | None:
    reply_to: int | None = comment.in_reply_to_id  # PyGithub types it int; top-level comments have none
    return reply_to


def _comment_range(finding: Finding, commentable: Collection[int]) -> tuple[int, int] | None:
    location = finding.location
    if not isinstance(location, CodeLocation):
        return None
    # Walk the commentable lines, not the span: an uploaded findings.json can claim any end_line.
    lines = sorted(n for n in commentable if location.start_line <= n <= location.end_line)
    return (lines[0], lines[-1]) if lines else None


def _is_write_denied(exc: GitHubError) -> bool:
    return exc.status in (401, 403, 404) and "rate limit" not in str(exc).lower()


class Publisher:
    def __init__(
        self,
        api: GitHubApi,
        repo: Repository,
        pull: PullRequest,
        outcome: ReviewOutcome,
        *,
        head_sha: str,
        audit: AuditSink,
        known_secrets: Collection[str] = (),
    ) -> None:
        self.api, self.repo, self.pull = api, repo, pull
        self.outcome = replace(
            outcome, findings=tuple(self._guarded(f, audit, known_secrets) for f in outcome.findings)
        )
        self.settings = outcome.config.github
        self.escalation = outcome.config.escalation
        self.head_sha = head_sha
        self.audit = audit
        self.known_secrets = known_secrets
        self._commit: Commit | None = None
        self._record = SummaryRecord()  # what our summary says we posted, read before anything else
        self._identity = outcome.config.github.bot_login

    @staticmethod
    def _guarded(finding: Finding, audit: AuditSink, known_secrets: Collection[str]) -> Finding:
        """The output leak guard: no secret or personal value in anything we post."""

        def guard(name: str, text: str) -> tuple[str, bool]:
            guarded, anomalies = guard_output(text, known_values=known_secrets)
            for anomaly in anomalies:
                events.anomaly(audit, kind="output-leak", detail=f"{name}: {anomaly}", path=finding.path)
            return guarded, bool(anomalies)

        fix = finding.suggested_fix
        if fix is not None and guard("suggested_fix", fix)[1]:
            fix = None  # a masked fix would be wrong code: drop the suggestion instead
        return replace(
            finding,
            title=guard("title", finding.title)[0],
            description=guard("description", finding.description)[0],
            exploit_scenario=guard("exploit_scenario", finding.exploit_scenario)[0],
            recommendation=guard("recommendation", finding.recommendation)[0],
            evidence=defuse_markers(guard("evidence", finding.evidence)[0]),
            suggested_fix=fix,
        )

    # -- what is there already ---------------------------------------------------------------------
    def _ours(self, user: NamedUser | Organization) -> bool:
        return _author_is_us(user, self._identity)

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

    def _review_comments(self) -> list[PullRequestComment]:
        comments: list[PullRequestComment] = self.api.call(
            "list review comments", lambda: list(self.pull.get_review_comments())
        )
        return _by_id(comments)

    def _marked(self, comments: list[PullRequestComment]) -> dict[int, str]:
        """Top-level comments of ours whose last line is their one marker: comment id → fingerprint."""
        return {
            c.id: fp
            for c in comments
            if _reply_to(c) is None and self._ours(c.user) and (fp := marked_fingerprint(c.body)) is not None
        }

    def _threads(self, comments: list[PullRequestComment]) -> dict[int, str]:
        """Our finding threads: the marked comments our summary records with that same fingerprint.
        A marker is only text; the record is what binds a fingerprint to the comment we posted."""
        return {
            cid: fp
            for cid, fp in self._marked(comments).items()
            if self._record.comments.get(cid) == fp or (self._record.legacy and fp in self._record.fingerprints)
        }

    def existing_inline(self) -> dict[str, PullRequestComment]:
        comments = self._review_comments()
        threads = self._threads(comments)
        found: dict[str, PullRequestComment] = {}
        for comment in comments:
            if comment.id in threads:
                found.setdefault(threads[comment.id], comment)
        return found

    def existing_summary(self) -> IssueComment | None:
        comments: list[IssueComment] = self.api.call("list comments", lambda: list(self.pull.get_issue_comments()))
        ours = [c for c in comments if is_summary(c.body) and self._ours(c.user)]
        return ours[-1] if ours else None

    def _apply_dismissals(self) -> None:
        """`/pr-review dismiss <reason>` replies on our threads, by someone allowed: those findings are
        moved out of the outcome before anything is posted, escalated or counted for fail_on. A reply
        dismisses the fingerprint our record binds to the comment it answers, whatever any body says."""
        comments = self._review_comments()
        roots = self._threads(comments)
        requests = [
            DismissRequest(roots[root], c.user.login, reason, c.id, root)
            for c in comments
            if (root := _reply_to(c)) in roots
            and not self._ours(c.user)
            and (reason := parse_dismiss(c.body)) is not None
        ]
        if not requests:
            return

        def permission_of(login: str) -> str:
            try:
                permission: str = self.api.call(
                    "read a collaborator's permission", lambda: self.repo.get_collaborator_permission(login)
                )
            except GitHubError as exc:
                if exc.status not in (403, 404):
                    raise
                return "none"
            return permission

        accepted, notes = decide(
            requests,
            current=[f.fingerprint for f in self.outcome.findings],
            author=self.pull.user.login,
            author_can_dismiss=self.outcome.config.triage.author_can_dismiss,
            permission_of=permission_of,
        )
        self.outcome = apply_dismissals(self.outcome, accepted, notes)

    # -- posting -----------------------------------------------------------------------------------
    def _post_review(self, planned: list[_Planned]) -> tuple[list[_Planned], list[_Planned]]:
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
        keep = [
            p for p in planned if _comment_range(p.finding, fresh.get(p.finding.path or "", ())) == (p.start, p.end)
        ]
        refused = [p for p in planned if p not in keep]
        if keep:  # fewer comments, or the same ones once more (the diff may have moved meanwhile)
            try:
                self._send_review(keep)
                return keep, refused
            except GitHubError as exc:
                if exc.status != 422:
                    raise
        # Still refused, and GitHub does not say which comment: send them one by one.
        posted: list[_Planned] = []
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
            comments = self._review_comments()
            marked = self._marked(comments)
            return next(
                (c for c in comments if c.id not in self._record.comments and marked.get(c.id) in fingerprints),
                None,
            )

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

    def _send_review(self, planned: list[_Planned]) -> None:
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

    def _send_single(self, item: _Planned) -> None:
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

    def _reply_resolved(self, existing: Mapping[str, PullRequestComment], resolved: list[str]) -> None:
        if not self.settings.reply_when_resolved:
            return
        answered = {_reply_to(r) for r in self._review_comments() if self._our_resolved_reply(r)}
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
            _reply_to(comment) is not None
            and self._ours(comment.user)
            and resolved_fingerprint(comment.body) is not None
        )

    def _resolved_reply(self, comment_id: int) -> PullRequestComment | None:
        """Our "no longer detected" reply on that thread, when an attempt whose answer was lost posted it."""
        return next(
            (c for c in self._review_comments() if _reply_to(c) == comment_id and self._our_resolved_reply(c)), None
        )

    def _upsert_summary(self, body: str, previous: IssueComment | None) -> str:
        if previous is not None:
            self.api.call("edit the summary comment", lambda: previous.edit(body))
            events.action(self.audit, kind="summary", id=previous.id, url=previous.html_url)
            return previous.html_url
        comment = self.api.write(
            "post the summary comment",
            lambda: self.pull.create_issue_comment(body),
            landed=self.existing_summary,
        )
        events.action(self.audit, kind="summary", id=comment.id, url=comment.html_url)
        return comment.html_url

    # -- the whole report ----------------------------------------------------------------------------
    def publish(self, commentable: Mapping[str, Collection[int]] | None = None) -> PublishResult:
        try:
            self._identity = self._token_identity()
            previous = self.existing_summary()
            self._record = read_record(previous.body) if previous is not None else SummaryRecord()
            self._apply_dismissals()
            return replace(self._publish(commentable, previous), outcome=self.outcome)
        except GitHubError as exc:
            if not _is_write_denied(exc):
                raise
            logger.warning("cannot post to the pull request: %s", exc)
            return PublishResult(write_denied=str(exc), outcome=self.outcome)

    def _publish(
        self, commentable: Mapping[str, Collection[int]] | None, previous: IssueComment | None
    ) -> PublishResult:
        if commentable is None:
            commentable = api_commentable_lines(self.api, self.pull)
        existing = self.existing_inline()
        placement: dict[str, str] = {}
        planned: list[_Planned] = []
        cap = self.settings.max_inline_comments
        for finding in self.outcome.findings:
            if finding.fingerprint in existing:
                placement[finding.fingerprint] = "inline (earlier run)"
                continue
            span = _comment_range(finding, commentable.get(finding.path or "", ()))
            if span is None:
                placement[finding.fingerprint] = OUTSIDE_DIFF
            elif len(planned) >= cap:
                placement[finding.fingerprint] = f"in the summary: over the cap of {cap} inline comments"
            else:
                planned.append(_Planned(finding, *span))
        posted, refused = self._post_review(planned)
        placement |= {p.finding.fingerprint: "inline" for p in posted}
        placement |= {p.finding.fingerprint: REFUSED for p in refused}
        current: set[str] = {f.fingerprint for f in self.outcome.findings}
        current |= {s.finding.fingerprint for s in self.outcome.suppressed}  # decided, not resolved
        earlier = set(existing) | self._record.fingerprints
        if any(r.status is AnalyzerStatus.FAILED for r in self.outcome.analyzers):
            # An analyzer that failed saw nothing: its earlier findings are unknown, not resolved.
            current |= earlier
        resolved = sorted(earlier - current)
        self._reply_resolved(existing, resolved)
        escalated, reviewers, reviewers_refused = Escalation(
            self.api, self.repo, self.pull, self.escalation, self.audit
        ).apply(self.outcome.findings, needs_approval=bool(self.outcome.needs_approval))
        extra = self._extra_sections(resolved, escalated, reviewers, reviewers_refused)
        record = SummaryRecord(frozenset(current), self._posted_comments({p.finding.fingerprint for p in posted}))
        body = summary_body(render_summary(self.outcome, placement=placement, extra=extra), record)
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
        comments = self._review_comments()
        threads = self._threads(comments)
        new = {cid: fp for cid, fp in self._marked(comments).items() if cid not in threads and fp in posted}
        return threads | new

    def _extra_sections(
        self, resolved: list[str], escalated: bool, reviewers: tuple[str, ...], reviewers_refused: str
    ) -> list[str]:
        lines: list[str] = []
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
