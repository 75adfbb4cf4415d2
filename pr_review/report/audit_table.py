"""`pr-review audit show`: an audit trail as a readable table. Reads, never verifies."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from rich.table import Table
from rich.text import Text

from pr_review.audit import AuditError, printable, read_lines
from pr_review.audit_verify import reject_constant

_EVENT_STYLE: Final = {
    "error": "bold red",
    "anomaly": "yellow",
    "model_output": "cyan",
    "finding": "magenta",
    "run_finished": "bold",
}


def render_table(path: Path) -> Table:
    """The log as a table (seq, time, run, event, summary) for `pr-review audit show`. Does not verify."""
    table = Table(title=Text(printable(str(path))), title_justify="left")
    for name in ("seq", "time", "run", "event", "summary"):
        table.add_column(name, justify="right" if name == "seq" else "left", overflow="fold")
    try:
        with path.open("rb") as stream:
            for number, raw in enumerate(read_lines(stream), start=1):
                try:
                    obj = json.loads(raw.decode("utf-8"), parse_constant=reject_constant)
                except (ValueError, RecursionError):
                    obj = None
                if not isinstance(obj, dict):
                    table.add_row("?", "", "", Text("unreadable", "red"), Text(f"line {number} is not JSON"))
                    continue
                event = printable(str(obj.get("event", "?")), 40)
                data = obj.get("data")
                table.add_row(
                    *(Text(printable(str(obj.get(name, "?")), 40)) for name in ("seq", "ts", "run_id")),
                    Text(event, _EVENT_STYLE.get(event, "")),
                    Text(printable(_summary(event, data if isinstance(data, dict) else {}))),
                )
    except OSError as exc:
        raise AuditError(f"cannot read audit log {path}: {exc.strerror or exc}") from exc
    return table


def _show(value: object) -> str:
    match value:
        case None:
            return "-"
        case list():
            return ",".join(map(_show, value)) or "-"
        case dict():
            return " ".join(f"{k}={_show(v)}" for k, v in value.items()) or "-"
        case _:
            return str(value)


def _items(items: object) -> str:
    """Each dropped item as `sha256[:12] (reasons)`, so an auditor can match it to a stored answer."""
    if not isinstance(items, list) or not items:
        return "-"
    return ", ".join(
        f"{str(item.get('sha256', '?'))[:12]} ({_show(item.get('reasons'))}{'' if not item.get('kept') else ', kept'})"
        for item in items
        if isinstance(item, dict)
    )


def _summary(event: str, data: Mapping[str, object]) -> str:
    def get(name: str) -> str:
        return _show(data.get(name))

    match event:
        case "run_started":
            return (
                f"{get('actor')} on {get('repository')} PR {get('pr')} head {get('head_sha')[:12]} "
                f"({get('trigger')}; {get('purpose')}) v{get('tool_version')}"
            )
        case "classification":
            return f"{get('path')}: {get('classes')} -> {get('action')}"
        case "model_request":
            stored = ", content stored" if "content" in data else ""
            return (
                f"{get('provider')} {get('region')} {get('model')} chunk {get('chunk')}: "
                f"{get('input_tokens')} tokens, classes sent {get('classes_sent')}{stored}"
            )
        case "model_response":
            return f"{get('model')} {get('stop_reason')}: {get('findings')} findings; {get('usage')}"
        case "model_output":
            return (
                f"chunk {get('chunk')}: {get('accepted')} of {get('returned')} findings kept; "
                f"dropped or cut: {get('dropped')}; items {_items(data.get('items'))}"
            )
        case "tool_call":
            refused = f"; {get('refused')}" if data.get("refused") else ""
            return (
                f"chunk {get('chunk')}: {get('tool')} {get('tree')} {get('arguments')} -> "
                f"{get('bytes_returned')} bytes, {get('redactions')} redaction(s){refused}"
            )
        case "finding":
            return (
                f"{get('severity')} {get('path')}:{get('line')} {get('status')} "
                f"{get('rule_ids')} [{get('sources')}] {get('fingerprint')[:16]}"
            )
        case "action":
            return f"{get('kind')} {get('url') if 'url' in data else get('id')}"
        case "anomaly":
            return f"{get('kind')} {get('path')}: {get('detail')}"
        case "error":
            return f"{get('stage')}: {get('message')}"
        case "run_finished":
            return f"{get('status')}, exit {get('exit_code')} after {get('duration_s')}s; {get('counts')}"
        case "suppression" | "dismissal":
            return f"{get('fingerprint')[:16]} by {get('by')}: {get('reason')}"
        case _:
            return _show(dict(data))
