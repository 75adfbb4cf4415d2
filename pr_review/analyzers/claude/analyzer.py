"""Claude analyzer: the change, fenced as data, through the Messages API → validated findings.

Skipped, with a clear reason, without credentials (failed, and fail-closed, under
`claude.on_failure: fail`). Chunks run concurrently; a chunk whose answer
overflows max_tokens is split and retried; a chunk that finally fails costs only its own files,
which are listed as not reviewed, and the result is FAILED (fail-closed when
`claude.on_failure: fail`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pr_review import audit_capture
from pr_review import audit_events as events
from pr_review.analyzers.base import (
    NO_CONTEXT,
    AnalyzerBase,
    AnalyzerContext,
    AnalyzerResult,
    AnalyzerStatus,
    ModelDetails,
    ReviewInput,
)
from pr_review.analyzers.claude import prompt
from pr_review.analyzers.claude import tools as lookup_tools
from pr_review.analyzers.claude.chunks import CHARS_PER_TOKEN, Chunk
from pr_review.analyzers.claude.client import (
    ClaudeCallError,
    Unavailable,
    create_message,
    make_client,
    provider_region,
)
from pr_review.analyzers.claude.fence import Fence
from pr_review.analyzers.claude.incremental import Incremental, Selection, keyed
from pr_review.analyzers.claude.output import (
    Parsed,
    cut_off,
    parse_findings,
    record_model_output,
    redaction_originals,
    summarise,
    tool_input,
)
from pr_review.analyzers.claude.plan import Plan, describe_region, not_reviewed, plan_review, split_chunk
from pr_review.analyzers.claude.state import ToolRead
from pr_review.analyzers.claude.tools import Toolbox
from pr_review.audit import audit_key_from_env
from pr_review.config import ClaudeSettings, Config
from pr_review.models import Finding
from pr_review.scope import NotReviewed

if TYPE_CHECKING:
    from anthropic.types import Message


logger = logging.getLogger(__name__)
MAX_FLAGS_IN_METADATA = 20
MIN_CODE_CHARS = 2000  # a request must be able to carry at least this much code
MEANWHILE_PAUSE_S = 0.001  # after each step of the work done while requests are in flight


@dataclass
class _Tally:
    """What the requests of one run produced; merged across chunks."""

    findings: list[Finding] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    models: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)  # one reason per failed chunk
    not_reviewed: list[NotReviewed] = field(default_factory=list)
    requests: int = 0
    request_chars: int = 0
    usage: Counter[str] = field(default_factory=Counter)
    tool_calls: int = 0
    tool_bytes: int = 0
    # The files the model read through repository tools, per file of the request it read them for:
    # the incremental state keeps them, and a later run re-reviews the file when one reads otherwise.
    tool_reads: dict[str, tuple[ToolRead, ...]] = field(default_factory=dict)

    def add(self, other: _Tally) -> None:
        self.findings += other.findings
        self.counts += other.counts
        self.models |= other.models
        self.failures += other.failures
        self.not_reviewed += other.not_reviewed
        self.requests += other.requests
        self.request_chars += other.request_chars
        self.usage += other.usage
        self.tool_calls += other.tool_calls
        self.tool_bytes += other.tool_bytes
        for path, reads in other.tool_reads.items():
            self.tool_reads[path] = (*self.tool_reads.get(path, ()), *reads)


ANSWER_NOW = "Report your findings now with report_findings (an empty list when there are none)."
BUDGET_SPENT = (
    "Lookup budget exhausted (claude.max_tool_calls / claude.max_tool_bytes per request, "
    "claude.max_input_tokens per run): answer now."
)


class _Budget:
    """The lookups one request may still make."""

    def __init__(self, settings: ClaudeSettings) -> None:
        self.calls_left = settings.max_tool_calls
        self.bytes_left = settings.max_tool_bytes

    @property
    def spent(self) -> bool:
        return self.calls_left <= 0 or self.bytes_left <= 0

    def spend(self, size: int) -> None:
        self.calls_left -= 1
        self.bytes_left -= size


def _block_param(block: Any) -> dict[str, Any]:
    """A content block of the model's answer, as it is sent back in the conversation."""
    if block.type == "text":
        return {"type": "text", "text": block.text}
    return {"type": "tool_use", "id": block.id, "name": block.name, "input": block.input}


def _lookup(
    toolbox: Toolbox, use: Any, budget: _Budget, part: int, tally: _Tally, reads: list[ToolRead]
) -> dict[str, Any]:
    """The tool_result for one tool_use of the model; `reads` collects what it looked up."""
    if budget.spent:
        text = BUDGET_SPENT
    else:
        arguments = use.input if isinstance(use.input, dict) else {}
        answer = toolbox.call(use.name, arguments, budget.bytes_left, chunk=part - 1)
        budget.spend(answer.size)
        tally.tool_calls += 1
        tally.tool_bytes += answer.size
        reads.append(answer.read)
        text = answer.text
    return {"type": "tool_result", "tool_use_id": use.id, "content": text}


class ClaudeAnalyzer(AnalyzerBase):
    name = "claude"

    def __init__(self, context: AnalyzerContext = NO_CONTEXT, *, backoff_base_s: float = 1.0) -> None:
        super().__init__(context)
        self._credentials = context.credentials
        self._environ = context.environ
        self._instructions = context.instructions  # trusted policy text (read from the base commit)
        self._backoff_base_s = backoff_base_s

    def fails_closed(self, config: Config) -> bool:
        # `on_failure: fail` means Claude must review the change: a missing key or missing provider
        # credentials (a Dependabot or fork run, an expired secret) fail the run too.
        return config.claude.on_failure == "fail"

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        settings = review.config.claude
        if not settings.enabled:
            return AnalyzerResult(self.name, AnalyzerStatus.SKIPPED, detail="disabled by claude.enabled")
        fence = Fence.new()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claude-client") as pool:
            # The SDK client takes a while to build (TLS context): overlap it with planning.
            pending = pool.submit(make_client, settings, self._credentials.anthropic_api_key, self._environ)
            toolbox = self._toolbox(review, fence)
            plan = plan_review(
                review.scope, review.model_view, settings, fence, self._instructions, lookups=toolbox is not None
            )
            client = pending.result()
        if isinstance(client, Unavailable):
            if client.failed or self.fails_closed(review.config):
                detail = client.reason if client.failed else f"could not run: {client.reason}"
                return AnalyzerResult(self.name, AnalyzerStatus.FAILED, detail=detail)
            return AnalyzerResult(self.name, AnalyzerStatus.SKIPPED, detail=client.reason)
        if plan.code_limit < MIN_CODE_CHARS:
            overhead = settings.token_budget - plan.code_limit // CHARS_PER_TOKEN
            detail = (
                f"claude.token_budget ({settings.token_budget:,} tokens) leaves no room for code after the "
                f"fixed prompt and the PR's text (~{overhead:,} tokens): raise it"
            )
            return AnalyzerResult(self.name, AnalyzerStatus.FAILED, detail=detail)
        secrets = redaction_originals(review.scope, review.model_view) | {
            s for s in (self._credentials.anthropic_api_key,) if s
        }
        incremental = Incremental(
            review,
            instructions=self._instructions,
            nonce=fence.nonce,
            key=audit_key_from_env(self._environ),
            run_id=f"{self._environ.get('GITHUB_RUN_ID', 'local')}@{review.scope.change.target.head[:12]}",
            secrets=secrets,
            read_sha256=toolbox.answer_sha256 if toolbox is not None else None,
        )
        overhead = prompt.fixed_overhead(self._instructions, plan.meta, lookups=toolbox is not None)
        selection = incremental.select(plan, overhead)
        plan = selection.plan
        run = _Run(review, plan, fence, secrets, client.messages.create, self._instructions, self._backoff_base_s)
        run.region = provider_region(settings, self._environ)
        run.toolbox = toolbox
        # While the requests are in flight: key the units the next run's state records (only a
        # pull request keeps one).
        tally = run.all(meanwhile=keyed(selection.sent if selection.mode else ()))
        result = self._result(review, plan, tally, toolbox, selection)
        unread = {n.path for n in result.not_reviewed}
        next_state = incremental.next_state(selection, tally.findings, unread, tally.tool_reads)
        _audit_review(review, selection, tally)
        return replace(result, next_state=next_state)

    @staticmethod
    def _toolbox(review: ReviewInput, fence: Fence) -> Toolbox | None:
        """The lookup tools, when they are on and there is a commit to read (never the worktree)."""
        trees, settings = review.trees, review.config.claude
        budget = min(settings.max_tool_calls, settings.max_tool_bytes)
        if not settings.context_tools or not budget or trees.head is None or review.later_files is None:
            return None
        withheld = {w.path: w.reason for w in review.model_view.withheld}
        return Toolbox(trees, review.later_files, fence, review.audit, withheld)

    def _details(
        self, review: ReviewInput, tally: _Tally, plan: Plan, toolbox: Toolbox | None, selection: Selection
    ) -> ModelDetails:
        settings = review.config.claude
        return ModelDetails(
            provider=settings.provider,
            region=provider_region(settings, self._environ),
            model=",".join(sorted(tally.models)),
            requested_model=settings.model,
            prompt_sha256=prompt.prompt_sha256(),
            preamble_sha256=prompt.preamble_sha256(),
            tool_schema_sha256=prompt.tool_schema_sha256(),
            requests=tally.requests,
            request_chars=tally.request_chars,
            tokens=tuple(sorted(tally.usage.items())),
            instructions_sha256=hashlib.sha256(self._instructions.encode()).hexdigest() if self._instructions else None,
            untrusted_text_flags="; ".join(str(f) for f in plan.flags[:MAX_FLAGS_IN_METADATA]),
            untrusted_text_flag_count=len(plan.flags),
            tool_calls=tally.tool_calls,
            tool_bytes=tally.tool_bytes,
            tools_sha256=lookup_tools.definitions_sha256() if toolbox is not None else "",
            review_mode=selection.mode,
            units_reviewed=len(selection.sent),
            units_carried=tuple((path, unit.reviewed_by) for path, unit in sorted(selection.carried.items())),
            full_review_tokens=selection.full_review_tokens,
            cost_usd=_cost(settings, tally.usage),
        )

    def _result(
        self, review: ReviewInput, plan: Plan, tally: _Tally, toolbox: Toolbox | None, selection: Selection
    ) -> AnalyzerResult:
        settings = review.config.claude
        model = ",".join(sorted(tally.models)) or settings.model
        where = f"{settings.provider}" + (f" {r}" if (r := provider_region(settings, self._environ)) else "")
        findings = (*tally.findings, *selection.carried_findings)
        parts = [f"{len(plan.chunks)} request(s) to {model} via {where}", f"{len(findings)} finding(s)"]
        if toolbox is not None:
            parts.append(f"{tally.tool_calls} lookup(s) by the model returning {tally.tool_bytes:,} bytes")
        elif settings.context_tools and review.trees.head is None:
            parts.append(f"context tools unavailable: {review.trees.unavailable}")
        if selection.carried:
            parts.append(
                f"{len(selection.sent)} file(s) reviewed, {len(selection.carried)} unchanged since an earlier "
                f"review carried forward with {len(selection.carried_findings)} finding(s)"
            )
        if selection.over_budget:
            parts.append(f"{len(selection.over_budget)} file(s) over the budget not reviewed")
        if dropped := summarise(sorted(tally.counts.items())):
            parts.append(f"model output: {dropped}")
        if plan.flags:
            parts.append(f"{len(plan.flags)} invisible/bidi or fence-like character run(s) in the PR's text")
        if plan.meta.truncated:
            parts.append("PR description truncated to fit the token budget")
        status = AnalyzerStatus.OK
        if tally.failures:
            status = AnalyzerStatus.FAILED
            first = tally.failures[0]
            if len(tally.failures) == len(plan.chunks):
                parts.insert(0, first)
            else:
                parts.insert(0, f"{len(tally.failures)} of {len(plan.chunks)} request(s) failed: {first}")
        unread = plan.not_reviewed + tuple(tally.not_reviewed)
        sent = {path for chunk in plan.chunks for path in chunk.paths}
        return AnalyzerResult(
            self.name,
            status,
            findings=findings,
            detail="; ".join(parts),
            not_reviewed=unread,
            details=self._details(review, tally, plan, toolbox, selection),
            reviewed_paths=frozenset(sent - {n.path for n in unread}) | frozenset(selection.carried),
        )


def _audit_review(review: ReviewInput, selection: Selection, tally: _Tally) -> None:
    """Which files this run sent, which it carried forward and from which run, what it cost."""
    events.model_review(
        review.audit,
        mode=selection.mode or "full",
        reviewed=[u.path for u in selection.sent],
        carried=[{"path": path, "reviewed_by": unit.reviewed_by} for path, unit in sorted(selection.carried.items())],
        over_budget=selection.over_budget,
        input_tokens=tally.usage["input"],
        output_tokens=tally.usage["output"],
        cache_read_tokens=tally.usage["cache_read"],
        cache_write_tokens=tally.usage["cache_write"],
        full_review_tokens=selection.full_review_tokens,
        cost_usd=_cost(review.config.claude, tally.usage),
        state_origin=review.prior.origin or None,
    )


def _cost(settings: ClaudeSettings, usage: Counter[str]) -> float | None:
    """US dollars of the run's tokens at claude.prices for the model asked for; None without a price."""
    price = settings.price(settings.model)
    if price is None:
        return None
    spent = (
        usage["input"] * price.input
        + usage["output"] * price.output
        + usage["cache_read"] * price.cache_read
        + usage["cache_write"] * price.cache_write
    )
    return round(spent / 1_000_000, 6)


class _Run:
    """The requests of one review, run concurrently."""

    def __init__(
        self,
        review: ReviewInput,
        plan: Plan,
        fence: Fence,
        secrets: frozenset[str],
        send: Callable[..., Message],
        instructions: str | None,
        backoff_base_s: float,
    ) -> None:
        self._instructions = instructions
        self._backoff_base_s = backoff_base_s
        self._review = review
        self._plan = plan
        self._fence = fence
        self._secrets = secrets
        self._send = send
        self.region = ""
        self.toolbox: Toolbox | None = None
        # Input tokens the run's requests were billed so far: every lookup turn sends the whole
        # conversation again, so claude.max_input_tokens ends the lookups once it is reached.
        self._input_spent = 0
        self._spent_lock = threading.Lock()

    def _run_budget_spent(self) -> bool:
        limit = self._review.config.claude.max_input_tokens
        with self._spent_lock:
            return limit is not None and self._input_spent >= limit

    def _audit_request(self, chunk: Chunk, part: int, kwargs: dict[str, Any], user: str) -> None:
        """What was sent, by digest and data class; the text itself only with audit.store_prompts."""
        settings = self._review.config.claude
        files = self._review.model_view.files
        classes = sorted({"code", *(c for path in chunk.paths if path in files for c in files[path].classes)})
        events.model_request(
            self._review.audit,
            provider=settings.provider,
            region=self.region or None,
            model=settings.model,
            system_sha256=hashlib.sha256(json.dumps(kwargs["system"], sort_keys=True).encode()).hexdigest(),
            request_sha256=audit_capture.capture(
                self._review.audit, self._review.config.audit, json.dumps(kwargs, sort_keys=True, default=str).encode()
            ),
            input_tokens=len(user) // CHARS_PER_TOKEN,
            classes_sent=classes,
            chunk=part - 1,
            content=user if self._review.config.audit.store_prompts else None,
        )

    def _audit_message(self, message: Message, findings: int, part: int) -> str:
        """The model_response event of one answer; its digest."""
        usage = message.usage
        response_sha256 = audit_capture.capture(
            self._review.audit, self._review.config.audit, message.model_dump_json().encode()
        )
        events.model_response(
            self._review.audit,
            response_sha256=response_sha256,
            stop_reason=message.stop_reason,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            findings=findings,
            model=message.model,
            chunk=part - 1,
        )
        return response_sha256

    def _audit_response(self, message: Message, parsed: Parsed, part: int) -> None:
        response_sha256 = self._audit_message(message, len(parsed.findings), part)
        record_model_output(self._review.audit, parsed, chunk=part - 1, response_sha256=response_sha256)

    def all(self, meanwhile: Iterable[None]) -> _Tally:
        """The chunks' requests. `meanwhile` is work this thread does while they are in flight, in
        short steps: after each, it waits a moment for the request threads, which need the GIL to
        send (the work would delay the requests, not overlap them), until every request is done."""
        chunks = self._plan.chunks
        total = _Tally()
        if not chunks:
            return total
        workers = max(1, min(self._review.config.claude.concurrency, len(chunks)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="claude") as pool:
            futures = [pool.submit(self.one, chunk, n, len(chunks)) for n, chunk in enumerate(chunks, 1)]
            for _ in meanwhile:
                wait(futures, timeout=MEANWHILE_PAUSE_S)
            for future in futures:
                total.add(future.result())
        return total

    def _ask(self, chunk: Chunk, part: int, kwargs: dict[str, Any], sent: str, tally: _Tally) -> Message:
        """One turn: audited, retried (create_message), its usage counted."""
        settings = self._review.config.claude
        tally.requests += 1
        self._audit_request(chunk, part, kwargs, sent)
        message = create_message(self._send, kwargs, settings, backoff_base_s=self._backoff_base_s)
        tally.models.add(message.model)
        usage = message.usage
        tally.usage.update(
            input=usage.input_tokens,
            output=usage.output_tokens,
            cache_read=usage.cache_read_input_tokens or 0,
            cache_write=usage.cache_creation_input_tokens or 0,
        )
        with self._spent_lock:
            self._input_spent += (
                usage.input_tokens + (usage.cache_read_input_tokens or 0) + (usage.cache_creation_input_tokens or 0)
            )
        return message

    def _converse(self, chunk: Chunk, part: int, kwargs: dict[str, Any], user: str, tally: _Tally) -> Message:
        """Turns until the model calls report_findings. Its lookups are answered within the
        request's budget; once it is spent, or when the model stops without an answer, one more
        turn forces report_findings."""
        message = self._ask(chunk, part, kwargs, user, tally)
        budget = _Budget(self._review.config.claude)
        toolbox = self.toolbox
        reads: list[ToolRead] = []
        while (
            toolbox is not None
            and kwargs["tool_choice"] != prompt.FORCED
            and message.stop_reason != "max_tokens"
            and tool_input(message) is None
        ):
            self._audit_message(message, 0, part)  # a turn of lookups: the final answer is audited by `one`
            lookups = [block for block in message.content if block.type == "tool_use"]
            answers = [_lookup(toolbox, block, budget, part, tally, reads) for block in lookups]
            force = budget.spent or not lookups or self._run_budget_spent()
            if force:  # why it must answer now (text after the tool_results, as the API wants)
                answers.append({"type": "text", "text": BUDGET_SPENT if lookups else ANSWER_NOW})
            said = [
                _block_param(block)
                for block in message.content
                if block.type == "tool_use" or (block.type == "text" and block.text.strip())
            ]
            said = said or [{"type": "text", "text": "(no answer)"}]  # the API refuses an empty turn
            messages = [
                *kwargs["messages"],
                {"role": "assistant", "content": said},
                {"role": "user", "content": answers},
            ]
            # Each lookup turn caches the conversation for the next one to read. The forced answer
            # is the last turn, and its tool_choice, which the API counts in the messages' prefix,
            # differs: it can read none of the conversation's cache, and a write would go unread.
            kwargs = {**kwargs, "messages": prompt.with_breakpoints(messages, cached=not force)}
            if force:
                kwargs["tool_choice"] = dict(prompt.FORCED)
            message = self._ask(chunk, part, kwargs, json.dumps(answers), tally)
        if reads:  # what every file of the request was reviewed with
            tally.tool_reads = {path: tuple(reads) for path in chunk.paths}
        return message

    def one(self, chunk: Chunk, part: int, parts: int) -> _Tally:
        settings = self._review.config.claude
        tally = _Tally()
        user = prompt.user_text(chunk, self._plan.meta, self._fence, part, parts)
        kwargs = prompt.request(
            model=settings.model,
            max_tokens=settings.max_tokens,
            instructions=self._instructions,
            user=user,
            lookups=self.toolbox is not None,
        )
        tally.request_chars += len(user)
        try:
            message = self._converse(chunk, part, kwargs, user, tally)
        except ClaudeCallError as exc:
            logger.warning("Claude request %d/%d failed: %s", part, parts, exc)
            return self._failed(chunk, tally, f"Claude request failed: {exc}", str(exc))
        if self.toolbox is not None and message.stop_reason != "max_tokens" and tool_input(message) is None:
            self._audit_message(message, 0, part)
            reason = "Claude did not call report_findings, even when asked again"
            return self._failed(chunk, tally, reason, reason)
        if message.stop_reason == "max_tokens":
            self._audit_response(message, cut_off(tool_input(message)), part)
            return self._overflowed(chunk, part, parts, tally)
        parsed = parse_findings(
            tool_input(message),
            paths=chunk.paths,
            scope=self._review.scope,
            min_confidence=settings.min_confidence,
            known_secrets=self._secrets,
        )
        self._audit_response(message, parsed, part)
        tally.findings += parsed.findings
        tally.counts += parsed.counts
        return tally

    @staticmethod
    def _failed(chunk: Chunk, tally: _Tally, reason: str, failure: str) -> _Tally:
        tally.failures.append(failure)
        tally.not_reviewed += [not_reviewed(path, reason) for path in chunk.paths]
        return tally

    def _overflowed(self, chunk: Chunk, part: int, parts: int, tally: _Tally) -> _Tally:
        halves = split_chunk(chunk, self._plan.render)
        tally.counts["max_tokens splits"] += 1
        if halves is None:
            region = chunk.blocks[0].region
            reason = f"incomplete: Claude's answer exceeded claude.max_tokens for {describe_region(region)}"
            tally.not_reviewed.append(not_reviewed(region.path, reason))
            return tally
        for half in halves:
            tally.add(self.one(half, part, parts))
        return tally
