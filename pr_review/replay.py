"""Reviews an auditor can replay: the model exchanges a run captured (`audit.capture: full`), read
back (`pr-review audit show --request SHA`) or sent again (`pr-review replay RESULTS_DIR`).

Nothing is read before the audit trail beside the bodies verifies (audit_verify.py), and every body
is checked against the sha256 the trail recorded for it (audit_capture.read_body): a replay of an
edited request would measure the edit, not the model.

A replay compares what the model reported (its `report_findings` call, before pr-review's own
validation) across the whole run, finding by finding: the same path, the same CWE and overlapping
lines (within `merge.line_slack`) are the same finding.
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pr_review.audit import AuditEvent, printable
from pr_review.audit_capture import body_path, read_body
from pr_review.audit_verify import read_events, reject_constant, verify
from pr_review.config import Config
from pr_review.errors import ReviewIncomplete, UsageError
from pr_review.report.files import AUDIT_FILE

TOOL_NAME = "report_findings"
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request of a run and the answer recorded for it (None: the request failed)."""

    run_id: str
    chunk: int
    request_sha256: str
    response_sha256: str | None


@dataclass(frozen=True, slots=True)
class ReportedFinding:
    path: str
    start_line: int
    end_line: int
    cwe: str
    title: str

    def matches(self, other: ReportedFinding, slack: int) -> bool:
        return (
            self.path == other.path
            and self.cwe == other.cwe
            and self.start_line - slack <= other.end_line
            and other.start_line - slack <= self.end_line
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "cwe": self.cwe,
            "title": self.title,
        }


@dataclass(frozen=True, slots=True)
class ReplayReport:
    run_id: str
    model: str
    requests: int
    failed: tuple[str, ...]  # why a replayed request got no answer
    same: tuple[ReportedFinding, ...]
    only_recorded: tuple[ReportedFinding, ...]
    only_replayed: tuple[ReportedFinding, ...]
    duration_s: float

    @property
    def differs(self) -> bool:
        return bool(self.only_recorded or self.only_replayed)

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "model": self.model,
            "requests": self.requests,
            "failed": list(self.failed),
            "same": [f.to_json() for f in self.same],
            "only_recorded": [f.to_json() for f in self.only_recorded],
            "only_replayed": [f.to_json() for f in self.only_replayed],
            "duration_s": round(self.duration_s, 3),
        }


def recorded_exchanges(results: Path, key: bytes | None) -> tuple[Exchange, ...]:
    """The model exchanges of the last run in results/audit.jsonl that made any."""
    return _runs(results, key)[-1]


def _runs(results: Path, key: bytes | None) -> list[tuple[Exchange, ...]]:
    """The model exchanges of each run in results/audit.jsonl that made any, once the trail
    verifies. Within one chunk requests are sequential (a lookup turn, or a split, follows the
    answer before it), so an answer belongs to the chunk's last request: its model_response names
    the chunk (a trail from before lookups pairs on model_output instead)."""
    audit_file = results / AUDIT_FILE
    if not audit_file.is_file():
        raise UsageError(f"{audit_file}: no such audit file", hint="pass the results directory of a run")
    checked = verify(audit_file, key)
    if not checked.ok:
        raise UsageError(f"{audit_file}: TAMPERED or damaged — {checked.problem}: refusing to read its captures")
    runs: dict[str, list[Exchange]] = {}
    pending: dict[tuple[str, int], int] = {}  # (run, chunk) → index of its unanswered request
    for event in read_events(audit_file):
        run_id, data = event["run_id"], event["data"]
        exchanges = runs.setdefault(run_id, [])
        if event["event"] == AuditEvent.MODEL_REQUEST:
            pending[run_id, data["chunk"]] = len(exchanges)
            exchanges.append(Exchange(run_id, data["chunk"], data["request_sha256"], None))
        elif (
            (event["event"] == AuditEvent.MODEL_RESPONSE and "chunk" in data)
            or event["event"] == AuditEvent.MODEL_OUTPUT
        ) and (run_id, data["chunk"]) in pending:
            index = pending.pop((run_id, data["chunk"]))
            request = exchanges[index]
            exchanges[index] = Exchange(run_id, request.chunk, request.request_sha256, data["response_sha256"])
    made = [tuple(exchanges) for exchanges in runs.values() if exchanges]
    if not made:
        raise UsageError(f"{audit_file}: no model request was recorded (Claude did not run)")
    return made


def check_captured(results: Path, exchanges: Sequence[Exchange]) -> None:
    """Refuse a run whose bodies were not kept (`audit.capture: hashes`) or were changed."""
    names = [e.request_sha256 for e in exchanges] + [e.response_sha256 for e in exchanges if e.response_sha256]
    if not any(body_path(results, name).exists() for name in names):
        raise UsageError(
            f"{results}: the run kept only the hashes of its model exchanges (audit.capture: hashes)",
            hint="set `audit: {capture: full}` in the configuration of the runs you want to replay",
        )
    for name in names:
        read_body(results, name)


def _load(results: Path, sha256: str) -> Any:
    try:
        return json.loads(read_body(results, sha256), parse_constant=reject_constant)
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{body_path(results, sha256)} is not JSON: {exc}") from exc


def reported_findings(message: Any) -> tuple[ReportedFinding, ...]:
    """The findings of a Messages API answer's report_findings call, as the model gave them."""
    content = message.get("content") if isinstance(message, Mapping) else None
    found: list[ReportedFinding] = []
    for block in content if isinstance(content, list) else []:
        if not (isinstance(block, Mapping) and block.get("type") == "tool_use" and block.get("name") == TOOL_NAME):
            continue
        tool_input = block.get("input")
        items = tool_input.get("findings") if isinstance(tool_input, Mapping) else None
        candidates = (_reported(item) for item in (items if isinstance(items, list) else []))
        found.extend(finding for finding in candidates if finding is not None)
    return tuple(found)


def _reported(item: object) -> ReportedFinding | None:
    if not isinstance(item, Mapping):
        return None
    path, start, end = item.get("path"), item.get("start_line"), item.get("end_line", item.get("start_line"))
    if not (isinstance(path, str) and isinstance(start, int) and isinstance(end, int)):
        return None
    cwe = item.get("cwe")
    title = item.get("title")
    return ReportedFinding(
        path, start, max(start, end), str(cwe) if cwe else "", str(title)[:200] if isinstance(title, str) else ""
    )


def compare(
    recorded: Sequence[ReportedFinding], replayed: Sequence[ReportedFinding], slack: int
) -> tuple[tuple[ReportedFinding, ...], tuple[ReportedFinding, ...], tuple[ReportedFinding, ...]]:
    """(same, only recorded, only replayed): each replayed finding pairs with at most one recorded."""
    unmatched = list(replayed)
    same: list[ReportedFinding] = []
    only_recorded: list[ReportedFinding] = []
    for finding in recorded:
        match = next((other for other in unmatched if finding.matches(other, slack)), None)
        if match is None:
            only_recorded.append(finding)
        else:
            unmatched.remove(match)
            same.append(finding)
    return tuple(same), tuple(only_recorded), tuple(unmatched)


def _readable(text: str) -> str:
    """Text from the pull request or the model, safe for a terminal: control and format characters
    (an escape sequence, a bidi override) escaped, newlines and tabs kept."""
    return "".join(
        ch if ch in "\n\t" or unicodedata.category(ch) not in _UNSAFE else f"\\u{ord(ch):04x}" for ch in text
    )


def _texts(content: Any) -> list[str]:
    """The text of a message's content: a string, or its blocks' text (other blocks as JSON)."""
    if isinstance(content, str):
        return [content]
    blocks = content if isinstance(content, list) else [content]
    return [
        block["text"]
        if isinstance(block, Mapping) and isinstance(block.get("text"), str)
        else json.dumps(block, indent=2, ensure_ascii=False)
        for block in blocks
    ]


def show_exchange(results: Path, request_sha256: str, key: bytes | None) -> str:
    """One recorded exchange, readable: the request's system prompt and messages, then the answer."""
    body_path(results, request_sha256)  # a malformed sha is a usage error before anything is read
    recorded = (e for run in _runs(results, key) for e in run)
    exchange = next((e for e in recorded if e.request_sha256 == request_sha256), None)
    if exchange is None:
        raise UsageError(f"request {request_sha256} is not recorded in {results / AUDIT_FILE}")
    request = _load(results, request_sha256)
    if not isinstance(request, dict):
        raise UsageError(f"{body_path(results, request_sha256)} is not a request")
    lines = [f"run {exchange.run_id}, chunk {exchange.chunk}", f"request {request_sha256} to {request.get('model')}"]
    lines += ["--- system ---", *_texts(request.get("system"))]
    for message in request.get("messages") or []:
        role = message.get("role") if isinstance(message, Mapping) else "?"
        lines += [f"--- {role} ---", *_texts(message.get("content") if isinstance(message, Mapping) else message)]
    if exchange.response_sha256 is None:
        lines.append("--- no answer was recorded: the request failed ---")
    else:
        response = _load(results, exchange.response_sha256)
        summary = {k: response.get(k) for k in ("model", "stop_reason", "usage")} if isinstance(response, dict) else {}
        lines += [f"--- response {exchange.response_sha256} ---", json.dumps(summary, ensure_ascii=False)]
        lines += _texts(response.get("content") if isinstance(response, dict) else response)
    return _readable("\n".join(lines))


def replay(
    results: Path,
    config: Config,
    environ: Mapping[str, str],
    *,
    api_key: str | None,
    audit_key: bytes | None,
    model: str | None = None,
) -> ReplayReport:
    """Send the last run's recorded requests again, through the client and retries a review uses."""
    from pr_review.analyzers.claude.client import ClaudeCallError, Unavailable, create_message, make_client

    exchanges = recorded_exchanges(results, audit_key)
    check_captured(results, exchanges)
    client = make_client(config.claude, api_key, environ)
    if isinstance(client, Unavailable):
        error = ReviewIncomplete if client.failed else UsageError
        raise error(f"cannot replay: {client.reason}")
    started = time.monotonic()
    recorded: list[ReportedFinding] = []
    replayed: list[ReportedFinding] = []
    failed: list[str] = []
    models: set[str] = set()
    for exchange in exchanges:
        request = _load(results, exchange.request_sha256)
        if not isinstance(request, dict):
            raise UsageError(f"{body_path(results, exchange.request_sha256)} is not a request")
        if exchange.response_sha256 is not None:
            recorded += reported_findings(_load(results, exchange.response_sha256))
        if model is not None:
            request["model"] = model
        try:
            message = create_message(client.messages.create, request, config.claude)
        except ClaudeCallError as exc:
            failed.append(f"chunk {exchange.chunk}: {exc}")
            continue
        models.add(message.model)
        replayed += reported_findings(json.loads(message.model_dump_json()))
    same, only_recorded, only_replayed = compare(recorded, replayed, config.triage.line_slack)
    return ReplayReport(
        exchanges[0].run_id,
        ",".join(sorted(models)) or (model or ""),
        len(exchanges),
        tuple(failed),
        same,
        only_recorded,
        only_replayed,
        time.monotonic() - started,
    )


def render_text(report: ReplayReport) -> str:
    lines = [f"replayed {report.requests} request(s) of run {report.run_id} to {report.model or '(no answer)'}"]
    for title, findings in (
        ("same", report.same),
        ("only in the recorded run", report.only_recorded),
        ("only in the replay", report.only_replayed),
    ):
        lines.append(f"{title}: {len(findings)}")
        lines += [printable(f"  {f.path}:{f.start_line}-{f.end_line} {f.cwe} {f.title}", 300) for f in findings]
    lines += [f"failed: {printable(reason, 300)}" for reason in report.failed]
    return "\n".join(lines)
