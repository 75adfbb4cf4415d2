"""The request: fixed system text from prompts/, the PR's text fenced as data in the user turn.

`system` is byte-identical for every pull request (and cached); nothing derived from the pull
request is ever placed there. The user turn is a fixed preamble naming this run's nonce, the PR
metadata and the code regions, each in its own fence. A request that may take lookup turns also
caches its conversation, turn by turn (`with_breakpoints`).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from pr_review.analyzers.claude import tools as lookup_tools
from pr_review.analyzers.claude.chunks import CHARS_PER_TOKEN, Chunk
from pr_review.analyzers.claude.fence import Fence, Flag
from pr_review.gather.change import PullRequestMeta
from pr_review.resources import load_schema, prompt_path

TOOL_NAME = "report_findings"
TOOL_DESCRIPTION = (
    "Report the security findings in the code regions of this request. Call exactly once; "
    "an empty list means no findings."
)
SYSTEM_FILE = "system.md"
PREAMBLE_FILE = "user-preamble.md"
PR_META_SHARE = 0.25  # at most this share of the budget goes to the PR's own text
CACHED = {"type": "ephemeral"}
# The API takes at most 4 cache breakpoints a request: the system prompt and the organisation's
# instructions use one each (the tools, first in the prefix, are cached through the system's), so
# the conversation gets two.
CONVERSATION_BREAKPOINTS = 2


@functools.cache
def _prompt_bytes(name: str) -> bytes:
    return prompt_path(name).read_bytes()


def system_text() -> str:
    return _prompt_bytes(SYSTEM_FILE).decode("utf-8")


def prompt_sha256() -> str:
    return hashlib.sha256(_prompt_bytes(SYSTEM_FILE)).hexdigest()


def preamble_sha256() -> str:
    return hashlib.sha256(_prompt_bytes(PREAMBLE_FILE)).hexdigest()


def system_blocks(instructions: str | None) -> list[dict[str, Any]]:
    """The fixed instructions, then the organisation's own (trusted policy), each cached."""
    blocks: list[dict[str, Any]] = [{"type": "text", "text": system_text(), "cache_control": dict(CACHED)}]
    if instructions and instructions.strip():
        text = "# The organisation's own review instructions\n\n" + instructions.strip()
        blocks.append({"type": "text", "text": text, "cache_control": dict(CACHED)})
    return blocks


@functools.cache
def _input_schema() -> dict[str, Any]:
    schema = copy.deepcopy(load_schema("llm-findings.schema.json"))
    for key in ("$schema", "$id", "title"):
        schema.pop(key, None)
    return schema


def tool() -> dict[str, Any]:
    return {"name": TOOL_NAME, "description": TOOL_DESCRIPTION, "input_schema": copy.deepcopy(_input_schema())}


def tool_schema_sha256() -> str:
    return hashlib.sha256(json.dumps(_input_schema(), sort_keys=True).encode()).hexdigest()


def preamble(fence: Fence, part: int, parts: int, regions: int) -> str:
    template = _prompt_bytes(PREAMBLE_FILE).decode("utf-8")
    return template.format(nonce=fence.nonce, part=part, parts=parts, files=regions)


@dataclass(frozen=True, slots=True)
class MetaBlock:
    text: str
    flags: tuple[Flag, ...]
    truncated: bool


def _cap(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    return f"{text[:limit]}\n[... {len(text) - limit:,} more characters not shown]", True


def pr_meta_block(pr: PullRequestMeta, fence: Fence, token_budget: int) -> MetaBlock:
    """Title, branches, body and commit messages, each fenced; capped at a share of the budget."""
    limit = int(token_budget * CHARS_PER_TOKEN * PR_META_SHARE)
    pieces: list[tuple[str, str, dict[str, str]]] = []
    if pr.title:
        pieces.append(("pr-title", pr.title, {}))
    if pr.head_ref or pr.base_ref:
        pieces.append(("branch", f"head: {pr.head_ref}\nbase: {pr.base_ref}", {}))
    if pr.body:
        pieces.append(("pr-body", pr.body, {}))
    pieces.extend(
        ("commit-message", message, {"n": str(n)}) for n, message in enumerate(pr.commit_messages, 1) if message
    )
    out: list[str] = []
    flags: list[Flag] = []
    truncated = False
    remaining = limit
    for kind, body, attributes in pieces:
        body, cut = _cap(body, max(remaining, 200))
        truncated |= cut
        text, found = fence.wrap(kind, body, where=kind, attributes=attributes)
        remaining -= len(text)
        out.append(text)
        flags.extend(found)
        if remaining <= 0:
            truncated = truncated or len(out) < len(pieces)
            break
    return MetaBlock("\n".join(out), tuple(flags), truncated)


def user_text(chunk: Chunk, meta: MetaBlock, fence: Fence, part: int, parts: int) -> str:
    sections = [preamble(fence, part, parts, len(chunk.blocks)).rstrip("\n")]
    if meta.text:
        sections.append("Pull request:\n" + meta.text)
    sections.append("Code:\n" + "\n".join(block.text for block in chunk.blocks))
    return "\n\n".join(sections) + "\n"


def fixed_overhead(instructions: str | None, meta: MetaBlock, *, lookups: bool = False) -> int:
    """Characters every request spends before any code (system, tools, preamble, PR text)."""
    system = sum(len(b["text"]) for b in system_blocks(instructions))
    tool_size = len(json.dumps(tool())) + (len(json.dumps(lookup_tools.definitions())) if lookups else 0)
    return system + tool_size + len(_prompt_bytes(PREAMBLE_FILE)) + 200 + len(meta.text)


FORCED = {"type": "tool", "name": TOOL_NAME}


def request(
    *, model: str, max_tokens: int, instructions: str | None, user: str, lookups: bool = False
) -> dict[str, Any]:
    """Keyword arguments for `client.messages.create`.

    With `lookups`, the model may call the read-only lookup tools before report_findings
    (`tool_choice: any`: every turn calls a tool), and the user turn is cached from the first
    turn on, since every lookup turn sends it again; without, report_findings is forced at once
    and the request is the only one to read the user turn, so it is not cached.
    No `temperature`: API version 2026-10-21 (what anthropic SDK 2.x sends) removed the sampling
    parameters and rejects them with 400, even at their defaults.
    """
    messages = [{"role": "user", "content": user}]
    return {
        "model": model,
        "max_tokens": max_tokens,
        "system": system_blocks(instructions),
        "tools": [tool(), *lookup_tools.definitions()] if lookups else [tool()],
        "tool_choice": {"type": "any"} if lookups else dict(FORCED),
        "messages": with_breakpoints(messages, cached=True) if lookups else messages,
    }


def with_breakpoints(messages: list[dict[str, Any]], *, cached: bool) -> list[dict[str, Any]]:
    """The conversation with a cache breakpoint on the last block of each of its newest two user
    messages (`cached`), or on none, and nowhere else; the input is left as it is.

    The newest breakpoint writes the conversation so far, for the next lookup turn to read; the one
    before it is where the previous turn wrote, so that turn's entry is found even when a turn of
    many parallel lookups puts it beyond the API's 20-block lookback from the newest.
    """
    users = [n for n, message in enumerate(messages) if message["role"] == "user"]
    marked = set(users[-CONVERSATION_BREAKPOINTS:]) if cached else set()
    out: list[dict[str, Any]] = []
    for n, message in enumerate(messages):
        content = message["content"]
        if isinstance(content, str) and n in marked:
            content = [{"type": "text", "text": content}]
        if isinstance(content, list):
            content = [{k: v for k, v in block.items() if k != "cache_control"} for block in content]
            if n in marked and content:
                content[-1]["cache_control"] = dict(CACHED)
        out.append({**message, "content": content})
    return out
