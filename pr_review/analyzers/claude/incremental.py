"""Incremental review within a budget: which files of the plan are sent to Claude this run.

A unit of review is one file with all its regions. Its key is the sha256 of the run key (model,
provider, system prompt, preamble, tool definitions, pr-review version, the configuration, the
review instructions, the pull request's title, description and branches) and of the file's
rendered code with the run's fence nonce and the line numbers taken out: a file whose lines only
moved keeps its key. Commit messages are not in it: they change on every push, and they describe
code whose text is keyed anyway. A unit whose key is the one the last completed review recorded
(state.py), and whose tool reads (if any) still read the same at the new head, is not sent: its
findings are carried forward, re-anchored to the new lines and validated again as if the model had
just returned them. A finding that cannot be re-anchored makes its file a unit to review.

When the units to review would exceed claude.max_input_tokens or claude.max_requests, the riskiest
are sent first (a path and content score, `risk`), the rest are listed as not reviewed, saying why.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from pr_review import __version__
from pr_review.analyzers.base import MAX_STATE_CHARS, ReviewInput
from pr_review.analyzers.claude import prompt
from pr_review.analyzers.claude.chunks import CHARS_PER_TOKEN, Chunk, Rendered, pack
from pr_review.analyzers.claude.output import parse_findings
from pr_review.analyzers.claude.plan import Plan, not_reviewed
from pr_review.analyzers.claude.state import (
    CarriedFinding,
    Rejected,
    ReviewState,
    ToolRead,
    UnitState,
    decode,
    encode,
    fits_a_unit,
)
from pr_review.models import CodeLocation, Finding

# The rendered code, positions taken out: each code line's leading line number, and the opening
# fence's `lines=a-b` attribute (only on a fence's opening line, which code can never start).
_LINE_NUMBER: Final = re.compile(r"^(?:\d+|-\(old \d+\))", re.MULTILINE)  # new-side, or a removed line's old one
_LINES_ATTRIBUTE: Final = re.compile(
    r'^(<<<UNTRUSTED-DATA [^\n]{0,4000}?) lines=(?:\d+-\d+|"old \d+-\d+")(?=[ >])', re.MULTILINE
)
UNPINNED_STATE: Final = (
    "an unsigned review state by a bot this token cannot be pinned to (set PR_REVIEW_AUDIT_KEY, or github.bot_login)"
)
RISK_SCAN_CHARS: Final = 200_000  # of a unit's rendered code, for the content score

# Path parts and code words that make a file riskier, with their weight; each counts once. Matched
# as lower-case substrings (no regular expression on PR content): linear in the text scanned.
RISK_PATH_WORDS: Final = (
    ("auth", 50), ("login", 40), ("session", 35), ("password", 40), ("permission", 40), ("acl", 25),
    ("oauth", 40), ("token", 30), ("crypt", 40), ("secret", 30), ("route", 35), ("handler", 30),
    ("view", 25), ("controller", 30), ("api", 20), ("middleware", 30), ("sql", 30), ("query", 20),
    ("db", 15), ("template", 20), ("serial", 30), (".github/workflows/", 45), ("dockerfile", 20),
    ("config", 20), ("settings", 20), (".yml", 10), (".yaml", 10),
)  # fmt: skip
RISK_CODE_WORDS: Final = (
    ("execute(", 25), ("raw(", 20), ("select ", 15), ("insert into", 15), ("subprocess", 30),
    ("os.system", 30), ("shell=true", 35), ("exec(", 25), ("eval(", 30), ("pickle", 35),
    ("yaml.load", 30), ("deserial", 30), ("marshal", 20), ("render_template_string", 30),
    ("innerhtml", 25), ("dangerouslysetinnerhtml", 30), ("@app.route", 30), ("router.", 20),
    ("request.", 15), ("jwt", 30), ("password", 20), ("hashlib", 15), ("cipher", 25), ("hmac", 15),
    ("verify=false", 30), ("pull_request_target", 45), ("${{", 25), ("secrets.", 20),
)  # fmt: skip

RUN_KEY_CHANGED: Final = "the configuration, prompt, model, pr-review version or the PR's title/description changed"
ReadSha256 = Callable[[str, str], str | None]  # (tree, lookup key) → sha256 of its answer at the new head


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def run_key(review: ReviewInput, instructions: str | None) -> str:
    """What every request of the run shares: a change of any of it is a full review."""
    settings, pr = review.config.claude, review.model_view.pr
    parts = {
        "pr-review": __version__,
        "provider": settings.provider,
        "model": settings.model,
        "system": prompt.prompt_sha256(),
        "preamble": prompt.preamble_sha256(),
        "tools": prompt.tool_schema_sha256(),
        "config": review.config.sha256,
        "instructions": _sha256(instructions or ""),
        "title": _sha256(pr.title),
        "body": _sha256(pr.body),
        "branches": _sha256(f"{pr.head_ref}\x1f{pr.base_ref}"),
    }
    return _sha256(json.dumps(parts, sort_keys=True))


def position_free(text: str, nonce: str) -> str:
    """A rendered block without what changes when nothing in the file did: the nonce, line numbers."""
    text = _LINES_ATTRIBUTE.sub(r"\1", text.replace(nonce, ""))
    return _LINE_NUMBER.sub("", text)


def risk(path: str, code: str) -> int:
    """How much a file matters to review first: bounded time, documented in docs/claude.md."""
    lowered_path, lowered_code = path.lower(), code[:RISK_SCAN_CHARS].lower()
    return sum(w for word, w in RISK_PATH_WORDS if word in lowered_path) + sum(
        w for word, w in RISK_CODE_WORDS if word in lowered_code
    )


@dataclass(frozen=True)
class Unit:
    path: str
    blocks: tuple[Rendered, ...]
    run_key: str
    nonce: str

    @functools.cached_property
    def key(self) -> str:
        """Computed when first asked: without an earlier state, only the next state needs it, and
        the analyzer asks while the requests are in flight (incremental.keyed)."""
        digest = hashlib.sha256(self.run_key.encode())
        for block in self.blocks:
            digest.update(b"\x00" + position_free(block.text, self.nonce).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    @property
    def chars(self) -> int:
        return sum(len(b.text) + 1 for b in self.blocks)

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return tuple((b.region.start, b.region.end) for b in self.blocks)


def units_of(plan: Plan, key: str, nonce: str) -> list[Unit]:
    blocks: dict[str, list[Rendered]] = {}
    for chunk in plan.chunks:
        for block in chunk.blocks:
            blocks.setdefault(block.region.path, []).append(block)
    for shown in blocks.values():
        shown.sort(key=lambda b: b.region.start)
    return [Unit(path, tuple(shown), key, nonce) for path, shown in sorted(blocks.items())]


def keyed(units: Iterable[Unit]) -> Iterator[None]:
    """Computes each unit's key, one at a time (work done while requests are in flight)."""
    for unit in units:
        _ = unit.key  # cached on the unit
        yield


def _file_lines(review: ReviewInput, path: str) -> list[str]:
    lines = review.model_view.files[path].text.split("\n") if path in review.model_view.files else []
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def anchor(lines: Sequence[str], start: int, end: int) -> str:
    return _sha256("\n".join(lines[start - 1 : end]))[:32]


def _moved(line: int, old: Sequence[tuple[int, int]], new: Sequence[tuple[int, int]]) -> int:
    """Where an old line is now: by the region it was in, else by the nearest region above it."""
    offset = new[0][0] - old[0][0]
    for (old_start, _), (new_start, _) in zip(old, new, strict=True):
        if old_start <= line:
            offset = new_start - old_start
    return line + offset


@dataclass(frozen=True, slots=True)
class Budget:
    max_input_tokens: int | None
    max_requests: int | None
    code_limit: int  # characters of code one request carries
    overhead_chars: int  # characters every request spends before its code

    def tokens(self, code_chars: int) -> int:
        return (code_chars + self.requests(code_chars) * self.overhead_chars) // CHARS_PER_TOKEN

    def requests(self, code_chars: int) -> int:
        return math.ceil(code_chars / max(self.code_limit, 1)) if code_chars else 0

    def allows(self, code_chars: int) -> bool:
        tokens_ok = self.max_input_tokens is None or self.tokens(code_chars) <= self.max_input_tokens
        return tokens_ok and (self.max_requests is None or self.requests(code_chars) <= self.max_requests)

    def describe(self) -> str:
        tokens = f"claude.max_input_tokens {self.max_input_tokens:,}" if self.max_input_tokens is not None else ""
        requests = f"claude.max_requests {self.max_requests}" if self.max_requests is not None else ""
        return " or ".join(filter(None, (tokens, requests)))


@dataclass(frozen=True)
class Selection:
    """What this run sends, what it carries forward and what the budget left out."""

    plan: Plan  # the plan with only the units to send, and the budget's not-reviewed files added
    mode: str  # "incremental", "full: <why>", or "" (no pull request: no state is kept)
    sent: tuple[Unit, ...]
    carried: Mapping[str, UnitState]  # re-anchored, as the next state keeps them
    carried_findings: tuple[Finding, ...]
    over_budget: tuple[str, ...]
    full_review_tokens: int


class Incremental:
    """One run's selection, and the state it leaves for the next run."""

    def __init__(
        self,
        review: ReviewInput,
        *,
        instructions: str | None,
        nonce: str,
        key: bytes | None,
        run_id: str,
        secrets: frozenset[str],
        read_sha256: ReadSha256 | None = None,
    ) -> None:
        self._review = review
        self._run_key = run_key(review, instructions)
        self._nonce = nonce
        self._key = key
        self._run_id = run_id
        self._secrets = secrets
        self._read_sha256 = read_sha256  # None without lookup tools this run: a unit with reads is stale

    def select(self, plan: Plan, overhead_chars: int) -> Selection:
        settings = self._review.config.claude
        units = units_of(plan, self._run_key, self._nonce)
        budget = Budget(settings.max_input_tokens, settings.max_requests, plan.code_limit, overhead_chars)
        mode, prior = self._mode_and_prior()
        to_review: list[Unit] = []
        carried: dict[str, UnitState] = {}
        carried_findings: list[Finding] = []
        for unit in units:
            kept = self._carry(unit, prior.units.get(unit.path)) if prior is not None else None
            if kept is None:
                to_review.append(unit)
                continue
            carried[unit.path] = kept[0]
            carried_findings += kept[1]
        chosen, left = self._within(to_review, budget)
        chunks = self._pack(chosen, left, plan.code_limit, budget)
        over_budget = tuple(sorted(u.path for u in left))
        reason = f"not reviewed: the files to review exceed {budget.describe()}; riskier files were reviewed first"
        skipped = tuple(not_reviewed(path, reason) for path in over_budget)
        return Selection(
            plan=replace(plan, chunks=chunks, not_reviewed=plan.not_reviewed + skipped),
            mode=mode,
            sent=tuple(chosen),
            carried=carried,
            carried_findings=tuple(carried_findings),
            over_budget=over_budget,
            full_review_tokens=budget.tokens(sum(u.chars for u in units)),
        )

    def _mode_and_prior(self) -> tuple[str, ReviewState | None]:
        prior = self._review.prior
        if not prior.binding:
            return "", None
        if prior.full:
            return "full: requested (--full / full-review)", None
        if prior.unavailable:
            return f"full: {prior.unavailable}", None
        if not prior.state:
            return "full: no earlier review state on the pull request", None
        if self._key is None and not prior.author_pinned:
            # Any bot account counts as ours (an installation token cannot name itself): another
            # app or workflow could have written this comment.
            return f"full: {UNPINNED_STATE}", None
        decoded = decode(prior.state, prior.binding, self._key)
        if isinstance(decoded, Rejected):
            return f"full: {decoded.reason}", None
        if decoded.run_key != self._run_key:
            return f"full: {RUN_KEY_CHANGED}", None
        return "incremental", decoded

    def _carry(self, unit: Unit, before: UnitState | None) -> tuple[UnitState, list[Finding]] | None:
        """The unit's state and findings at this head when nothing it was shown changed; None to review it."""
        if before is None or before.key != unit.key or len(before.spans) != len(unit.spans):
            return None
        for read in before.reads:
            if self._read_sha256 is None or self._read_sha256(read.tree, read.path) != read.sha256:
                return None
        lines = _file_lines(self._review, unit.path)
        items: list[dict[str, Any]] = []
        anchors: list[str] = []
        for carried in before.findings:
            item = dict(carried.item)
            start, end = item.get("start_line"), item.get("end_line")
            if not isinstance(start, int) or not isinstance(end, int) or item.get("path") != unit.path:
                return None
            new_start = _moved(start, before.spans, unit.spans)
            new_end = new_start + (end - start)
            if new_start < 1 or anchor(lines, new_start, new_end) != carried.anchor:
                return None  # its lines are not where the unchanged code says: review the file again
            items.append({**item, "start_line": new_start, "end_line": new_end})
            anchors.append(carried.anchor)
        parsed = parse_findings(
            {"findings": items},
            paths=(unit.path,),
            scope=self._review.scope,
            min_confidence=self._review.config.claude.min_confidence,
            known_secrets=self._secrets,
        )
        if len(parsed.findings) != len(items) or parsed.dropped:
            return None  # a carried finding no longer validates: never drop it, review the file again
        state = UnitState(
            unit.key,
            before.reviewed_by,
            unit.spans,
            tuple(CarriedFinding(i, a) for i, a in zip(items, anchors, strict=True)),
            before.reads,
        )
        return state, list(parsed.findings)

    def _within(self, units: Sequence[Unit], budget: Budget) -> tuple[list[Unit], list[Unit]]:
        if budget.allows(sum(u.chars for u in units)):
            return list(units), []
        ranked = sorted(units, key=lambda u: (-risk(u.path, "\n".join(b.text for b in u.blocks)), u.path))
        chosen: list[Unit] = []
        left: list[Unit] = []
        total = 0
        for unit in ranked:  # riskiest first; a unit that does not fit leaves room for smaller ones
            if budget.allows(total + unit.chars):
                chosen.append(unit)
                total += unit.chars
            else:
                left.append(unit)
        return chosen, left

    def _pack(self, chosen: list[Unit], left: list[Unit], code_limit: int, budget: Budget) -> tuple[Chunk, ...]:
        """The chosen units (riskiest first) in path order into requests. Under max_requests they are
        packed without rounding to waves, and should packing still need more requests than the
        estimate, the least risky chosen unit joins `left` until it fits."""
        concurrency = self._review.config.claude.concurrency if budget.max_requests is None else 1
        while True:
            blocks = [b for u in sorted(chosen, key=lambda u: u.path) for b in u.blocks]
            chunks = tuple(pack(blocks, max(code_limit, 1), concurrency))
            if budget.max_requests is None or len(chunks) <= budget.max_requests or not chosen:
                return chunks
            left.append(chosen.pop())

    def next_state(
        self,
        selection: Selection,
        findings: Iterable[Finding],
        incomplete: Collection[str],
        reads: Mapping[str, tuple[ToolRead, ...]],
    ) -> str:
        """The state block for the next run: every unit reviewed completely this run, with the
        findings it got, and the units carried forward; "" when there is no pull request. Units
        that do not fit MAX_STATE_CHARS are left out (the next run reviews them), largest first."""
        binding = self._review.prior.binding
        if not binding:
            return ""
        by_path: dict[str, list[tuple[Finding, CodeLocation]]] = {}
        for finding in findings:
            if isinstance(finding.location, CodeLocation):
                by_path.setdefault(finding.location.path, []).append((finding, finding.location))
        units = dict(selection.carried)
        for unit in selection.sent:
            if unit.path in incomplete:
                continue
            lines = _file_lines(self._review, unit.path)
            stored = tuple(
                CarriedFinding(_item(f, at), anchor(lines, at.start_line, at.end_line))
                for f, at in by_path.get(unit.path, ())
            )
            state = UnitState(unit.key, self._run_id, unit.spans, stored, reads.get(unit.path, ()))
            if fits_a_unit(unit.path, state):
                units[unit.path] = state
        return self._fitting(units, binding) if units else ""

    def _fitting(self, units: dict[str, UnitState], binding: str) -> str:
        encoded = encode(ReviewState(self._run_key, units), binding, self._key)
        if len(encoded) <= MAX_STATE_CHARS:
            return encoded
        by_size = sorted(units, key=lambda p: len(json.dumps([dict(f.item) for f in units[p].findings])))
        low, high = 0, len(by_size)  # the most units (smallest first) whose state fits
        best = ""
        while low <= high:
            middle = (low + high) // 2
            kept = {p: units[p] for p in by_size[:middle]}
            candidate = encode(ReviewState(self._run_key, kept), binding, self._key)
            if len(candidate) <= MAX_STATE_CHARS:
                best, low = candidate, middle + 1
            else:
                high = middle - 1
        return best


def _item(finding: Finding, at: CodeLocation) -> dict[str, Any]:
    """A finding as the report_findings item it was accepted as (texts already neutralised)."""
    item: dict[str, Any] = {
        "path": at.path,
        "start_line": at.start_line,
        "end_line": at.end_line,
        "severity": finding.severity.value,
        "cwe": finding.cwe[0] if finding.cwe else "CWE-0",
        "title": finding.title,
        "description": finding.description,
        "exploit_scenario": finding.exploit_scenario,
        "recommendation": finding.recommendation,
        "confidence": finding.confidence,
    }
    if finding.suggested_fix is not None:
        item["suggested_fix"] = finding.suggested_fix
    return item
