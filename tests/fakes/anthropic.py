"""A loopback fake of the Anthropic Messages API, driven by the real ``anthropic`` SDK.

Standard library only.  ``POST /v1/messages`` (JSON, or SSE when ``"stream": true``) and
``POST /v1/messages/count_tokens``.  Requests are validated like the API does
(credentials, ``anthropic-version``, required fields), every request is recorded with
its start/end time, answers come from a scripted queue or a responder callable, and
faults (429/529/500/400, delays, dropped connections) can be queued.  Prompt caching is
accounted as the API does it (:class:`PromptCache`) unless a scripted answer fixes its usage.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import string
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from .github import LoopbackServer, _Handler

__all__ = [
    "DEFAULT_MODEL",
    "AnthropicFault",
    "AnthropicReply",
    "CacheUsage",
    "FakeAnthropic",
    "PromptCache",
    "RecordedCall",
    "Responder",
    "error_body",
    "max_tokens_response",
    "text_response",
    "tool_results",
    "tool_use_response",
]

DEFAULT_MODEL = "claude-sonnet-4-6"
_B62 = string.ascii_letters + string.digits


def _rand_id(prefix: str) -> str:
    return prefix + "".join(random.choices(_B62, k=24))


def _usage(
    input_tokens: int | None,
    output_tokens: int | None,
    cache_creation_input_tokens: int | None,
    cache_read_input_tokens: int | None,
) -> dict[str, Any]:
    # None: filled in by the server, from the request's size and its prompt cache
    return {
        "input_tokens": input_tokens,
        "cache_creation_input_tokens": cache_creation_input_tokens,
        "cache_read_input_tokens": cache_read_input_tokens,
        "output_tokens": output_tokens,
        "service_tier": "standard",
    }


def _message(
    content: list[dict[str, Any]],
    *,
    stop_reason: str,
    model: str | None,
    input_tokens: int | None,
    output_tokens: int | None,
    cache_creation_input_tokens: int | None,
    cache_read_input_tokens: int | None,
    message_id: str | None,
) -> dict[str, Any]:
    if output_tokens is None:
        output_tokens = max(1, len(json.dumps(content)) // 4)
    return {
        "id": message_id or _rand_id("msg_01"),
        "type": "message",
        "role": "assistant",
        "model": model,  # None: the server echoes the request's model
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": _usage(input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens),
    }


def tool_use_response(
    input: Mapping[str, Any],
    *,
    name: str = "report_findings",
    text: str | None = None,
    model: str | None = None,
    input_tokens: int | None = None,
    output_tokens: int | None = None,
    cache_creation_input_tokens: int | None = None,
    cache_read_input_tokens: int | None = None,
    stop_reason: str = "tool_use",
    message_id: str | None = None,
    tool_use_id: str | None = None,
) -> dict[str, Any]:
    """A Message whose content is a ``tool_use`` block (preceded by a text block if ``text``)."""
    content: list[dict[str, Any]] = [{"type": "text", "text": text}] if text is not None else []
    content.append({"type": "tool_use", "id": tool_use_id or _rand_id("toolu_01"), "name": name, "input": dict(input)})
    return _message(
        content,
        stop_reason=stop_reason,
        model=model,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cache_creation_input_tokens=cache_creation_input_tokens,
        cache_read_input_tokens=cache_read_input_tokens,
        message_id=message_id,
    )


def text_response(
    text: str = "OK",
    *,
    model: str | None = None,
    stop_reason: str = "end_turn",
    input_tokens: int | None = None,
    output_tokens: int | None = None,
    cache_creation_input_tokens: int | None = None,
    cache_read_input_tokens: int | None = None,
    message_id: str | None = None,
) -> dict[str, Any]:
    """A Message with one text block."""
    return _message(
        [{"type": "text", "text": text}],
        stop_reason=stop_reason,
        model=model,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cache_creation_input_tokens=cache_creation_input_tokens,
        cache_read_input_tokens=cache_read_input_tokens,
        message_id=message_id,
    )


def max_tokens_response(
    text: str = "The analysis of this change is",
    *,
    tool_name: str | None = None,
    partial_input: Mapping[str, Any] | None = None,
    model: str | None = None,
    input_tokens: int | None = None,
    output_tokens: int | None = None,
) -> dict[str, Any]:
    """A Message cut off by ``max_tokens``: truncated text, or a ``tool_use`` whose input is incomplete."""
    if tool_name is not None:
        return tool_use_response(
            partial_input or {},
            name=tool_name,
            model=model,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            stop_reason="max_tokens",
        )
    return text_response(
        text, model=model, stop_reason="max_tokens", input_tokens=input_tokens, output_tokens=output_tokens
    )


def error_body(error_type: str, message: str, request_id: str | None = None) -> dict[str, Any]:
    """``{"type": "error", "error": {"type": ..., "message": ...}, "request_id": ...}``."""
    return {"type": "error", "error": {"type": error_type, "message": message}, "request_id": request_id}


@dataclass(frozen=True)
class AnthropicReply:
    """Full control over one answer: status, JSON body (or raw bytes) and extra headers."""

    status: int
    body: Any
    headers: tuple[tuple[str, str], ...] = ()


Responder = Callable[[dict[str, Any]], "dict[str, Any] | AnthropicReply"]


@dataclass(frozen=True)
class AnthropicFault:
    """A queued fault. Build with the class methods."""

    kind: Literal["respond", "delay", "drop"]
    status: int = 0
    error_type: str = ""
    message: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0

    @classmethod
    def error(
        cls, status: int, error_type: str, message: str, *, headers: Mapping[str, str] | None = None
    ) -> AnthropicFault:
        return cls("respond", status, error_type, message, tuple((headers or {}).items()))

    @classmethod
    def rate_limit(cls, retry_after: float | None = 1) -> AnthropicFault:
        """429 ``rate_limit_error`` with ``retry-after`` (seconds; omitted when ``None``).

        The SDK honours fractional values, so ``retry_after=0.01`` keeps tests fast; with 0 or
        ``None`` it falls back to its own exponential backoff (~0.5 s)."""
        headers = {"anthropic-ratelimit-requests-remaining": "0"}
        if retry_after is not None:
            headers["retry-after"] = str(int(retry_after)) if float(retry_after).is_integer() else str(retry_after)
        return cls.error(
            429,
            "rate_limit_error",
            "This request would exceed the rate limit for your organization of 50 requests per minute. "
            "For details, refer to: https://docs.claude.com/en/api/rate-limits.",
            headers=headers,
        )

    @classmethod
    def overloaded(cls) -> AnthropicFault:
        return cls.error(529, "overloaded_error", "Overloaded")

    @classmethod
    def api_error(cls) -> AnthropicFault:
        return cls.error(500, "api_error", "Internal server error")

    @classmethod
    def bad_request(cls, message: str = "prompt is too long: 210000 tokens > 200000 maximum") -> AnthropicFault:
        return cls.error(400, "invalid_request_error", message)

    @classmethod
    def delay(cls, seconds: float) -> AnthropicFault:
        """Sleep ``seconds`` before answering normally (client timeouts, concurrency)."""
        return cls("delay", seconds=seconds)

    @classmethod
    def drop_connection(cls) -> AnthropicFault:
        """Close the connection without answering."""
        return cls("drop")


@dataclass
class RecordedCall:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: bytes
    json: Any
    started: float  # time.monotonic()
    ended: float | None = None
    status: int | None = None  # None when the connection was dropped
    fault: str | None = None
    api_key: str | None = None


class _APIError(Exception):
    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message


MAX_CACHE_BREAKPOINTS = 4
CACHE_LOOKBACK_BLOCKS = 20  # block boundaries checked for an earlier entry, from each breakpoint back
CACHE_TTL_S = 300.0  # "ephemeral": five minutes, refreshed by every hit
CHARS_PER_TOKEN = 4  # the fake's token estimate: bytes of JSON / 4


def min_cacheable_tokens(model: str) -> int:
    """The shortest prefix the API caches for a model ("Cache limitations" of the prompt caching
    docs); a shorter one is processed without caching, and no error is returned."""
    if any(name in model for name in ("opus-4-6", "opus-4-5", "haiku-4-5")):
        return 4096
    if any(name in model for name in ("sonnet-4-6", "haiku-3")):
        return 2048
    return 1024


@dataclass(frozen=True)
class CacheUsage:
    """The input side of ``usage``: ``input_tokens`` is what follows the cached or written prefix."""

    input_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int


@dataclass(frozen=True)
class _Block:
    digest: str  # of the request's prefix up to and including this block
    tokens: int  # the prefix's size
    marked: bool  # carries cache_control


def _unmarked(value: Any) -> Any:
    """``value`` without any ``cache_control`` key: the marker is not part of the prompt."""
    if isinstance(value, dict):
        return {k: _unmarked(v) for k, v in value.items() if k != "cache_control"}
    if isinstance(value, list):
        return [_unmarked(v) for v in value]
    return value


def _cache_blocks(request: Mapping[str, Any]) -> list[_Block]:
    """The request's cacheable blocks in prefix order (tools, system, messages), each with the
    digest and token size of the prefix it ends. ``tool_choice`` enters the digest where the
    messages begin: changing it invalidates the messages' cache, not the tools' or the system's."""
    items: list[tuple[str, Any]] = [("tool", tool) for tool in request.get("tools") or []]
    system = request.get("system")
    items += [("system", block) for block in (system if isinstance(system, list) else [system] if system else [])]
    digest = hashlib.sha256(json.dumps(request.get("model")).encode())
    size = 0
    blocks: list[_Block] = []

    def add(role: str, block: Any) -> None:
        nonlocal size
        text = json.dumps(_unmarked(block), sort_keys=True)
        digest.update(f"\x1e{role}\x1f{text}".encode())
        size += len(text)
        marked = isinstance(block, dict) and "cache_control" in block
        blocks.append(_Block(digest.hexdigest(), size // CHARS_PER_TOKEN, marked))

    for role, block in items:
        add(role, block)
    digest.update(f"\x1etool_choice\x1f{json.dumps(request.get('tool_choice'), sort_keys=True)}".encode())
    for message in request.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        role = str(message.get("role")) if isinstance(message, dict) else "?"
        for block in content if isinstance(content, list) else [content]:
            add(role, block)
    return blocks


def cache_breakpoints(request: Mapping[str, Any]) -> int:
    """How many blocks of the request carry ``cache_control``."""
    return sum(block.marked for block in _cache_blocks(request))


class PromptCache:
    """The API's prompt cache, as one organisation sees it.

    A request's prefix is written at each ``cache_control`` breakpoint whose prefix is at least
    the model's minimum length. A breakpoint hits an entry at its own position or up to
    ``CACHE_LOOKBACK_BLOCKS`` blocks before it; the latest hit is read (0.1x), the tokens from
    there to the last written breakpoint are written (1.25x), and ``input_tokens`` is the rest.
    Entries live ``ttl_s`` seconds from their last write or hit. Thread-safe.
    """

    def __init__(self, *, ttl_s: float = CACHE_TTL_S, min_tokens: int | None = None) -> None:
        self.ttl_s = ttl_s
        self.min_tokens = min_tokens  # None: the model's minimum (min_cacheable_tokens)
        self._entries: dict[str, float] = {}  # prefix digest -> monotonic time it expires
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def account(self, request: Mapping[str, Any]) -> CacheUsage:
        """The usage of one answered request; writes and refreshes its entries."""
        blocks = _cache_blocks(request)
        total = max(1, len(json.dumps(_unmarked(dict(request)))) // CHARS_PER_TOKEN)
        minimum = self.min_tokens if self.min_tokens is not None else min_cacheable_tokens(str(request.get("model")))
        marks = [i for i, block in enumerate(blocks) if block.marked]
        now = time.monotonic()
        with self._lock:
            self._entries = {d: t for d, t in self._entries.items() if t > now}
            hit = -1
            for mark in marks:
                for i in range(mark, max(-1, mark - CACHE_LOOKBACK_BLOCKS), -1):
                    if blocks[i].digest in self._entries:
                        hit = max(hit, i)
                        break
            if hit >= 0:
                self._entries[blocks[hit].digest] = now + self.ttl_s
            written = hit
            for mark in marks:
                if mark > hit and blocks[mark].tokens >= minimum:
                    self._entries[blocks[mark].digest] = now + self.ttl_s
                    written = mark
        read = blocks[hit].tokens if hit >= 0 else 0
        write = blocks[written].tokens - read if written > hit else 0
        return CacheUsage(max(0, total - read - write), write, read)


class FakeAnthropic(LoopbackServer):
    """The Messages API on a loopback port.

    ``api_keys``: accepted keys (sent as ``x-api-key`` or ``Authorization: Bearer``); ``None``
    accepts any non-empty key. ``responder`` turns a request body into a Message dict (or an
    :class:`AnthropicReply`); the default answers a forced/``report_findings`` tool with
    ``default_tool_input`` and otherwise a text "OK". ``latency`` is slept before every answer.
    ``known_models``: if given, other models get 404 ``not_found_error``. ``cache`` is the
    server's :class:`PromptCache`; the usage figures an answer leaves as ``None`` come from it.
    """

    def __init__(
        self,
        *,
        api_keys: Iterable[str] | None = ("k",),
        responder: Responder | None = None,
        latency: float = 0.0,
        default_tool_input: Mapping[str, Any] | None = None,
        known_models: Iterable[str] | None = None,
        cache: PromptCache | None = None,
    ) -> None:
        super().__init__()
        self.api_keys = set(api_keys) if api_keys is not None else None
        self.responder: Responder = responder or self.default_responder
        self.latency = latency
        self.default_tool_input: dict[str, Any] = dict(default_tool_input or {"findings": []})
        self.known_models = set(known_models) if known_models is not None else None
        self.cache = cache or PromptCache()
        self.lock = threading.RLock()
        self.errors: list[str] = []  # tracebacks raised by responders (answered as 500 api_error)
        self._calls: list[RecordedCall] = []
        self._script: list[dict[str, Any] | AnthropicReply] = []
        self._faults: dict[str, list[AnthropicFault]] = {}
        self._in_flight = 0
        self._max_in_flight = 0

    # -- configuration ------------------------------------------------------------------------------------
    def enqueue(self, *responses: dict[str, Any] | AnthropicReply) -> None:
        """Answers for the next ``/v1/messages`` calls, in order, before the responder is used."""
        with self.lock:
            self._script.extend(responses)

    def inject(self, *faults: AnthropicFault, times: int = 1, path: str = "/v1/messages") -> None:
        """Queue faults for requests whose path ``re.fullmatch``-es ``path``; each request consumes one."""
        with self.lock:
            queue = self._faults.setdefault(path, [])
            for f in faults:
                queue.extend([f] * times)

    def pending_faults(self) -> int:
        with self.lock:
            return sum(len(q) for q in self._faults.values())

    def default_responder(self, request: dict[str, Any]) -> dict[str, Any]:
        tools = [t for t in request.get("tools") or [] if isinstance(t, dict)]
        raw_choice = request.get("tool_choice")
        choice: dict[str, Any] = raw_choice if isinstance(raw_choice, dict) else {}
        name: str | None = None
        if choice.get("type") == "tool":
            name = str(choice.get("name"))
        elif choice.get("type") == "any" and tools:
            name = str(tools[0].get("name"))
        elif choice.get("type") != "none" and any(t.get("name") == "report_findings" for t in tools):
            name = "report_findings"
        if name is not None:
            return tool_use_response(self.default_tool_input, name=name)
        return text_response("OK")

    # -- recording ----------------------------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedCall]:
        with self.lock:
            return list(self._calls)

    def message_requests(self) -> list[dict[str, Any]]:
        """JSON bodies of every ``POST /v1/messages`` received (including failed attempts)."""
        return [c.json for c in self.requests if c.path == "/v1/messages" and isinstance(c.json, dict)]

    @property
    def in_flight(self) -> int:
        with self.lock:
            return self._in_flight

    @property
    def max_in_flight(self) -> int:
        """Most requests being handled at the same time since start (or :meth:`clear`)."""
        with self.lock:
            return self._max_in_flight

    def clear(self) -> None:
        """Forget recorded calls, queued answers/faults and the concurrency high-water mark."""
        with self.lock:
            self._calls.clear()
            self._script.clear()
            self._faults.clear()
            self._max_in_flight = self._in_flight

    # -- HTTP ---------------------------------------------------------------------------------------------
    def _serve(self, handler: _Handler) -> None:
        started = time.monotonic()
        path = handler.path.split("?", 1)[0].rstrip("/") or "/"
        body = handler.read_body()
        headers = {k.lower(): v for k, v in handler.headers.items()}
        parsed: Any = None
        if body:
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = None
        call = RecordedCall(handler.command.upper(), path, headers, body, parsed, started)
        with self.lock:
            self._calls.append(call)
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
        request_id = _rand_id("req_011C")
        try:
            fault = self._pop_fault(path)
            call.fault = fault.kind if fault else None
            if self.latency:
                self.stopping.wait(self.latency)
            if fault is not None and fault.kind == "delay":
                self.stopping.wait(fault.seconds)
            if fault is not None and fault.kind == "drop":
                handler.drop()
                return
            out: Any
            if fault is not None and fault.kind == "respond":
                status, extra = fault.status, fault.headers
                out = error_body(fault.error_type, fault.message, request_id)
                content_type = "application/json"
            else:
                status, out, extra, content_type = self._answer(call, request_id)
            data = out if isinstance(out, bytes) else json.dumps(out).encode()
            call.status = status
            handler.send(status, data, self._headers(request_id, content_type, extra))
        finally:
            call.ended = time.monotonic()
            with self.lock:
                self._in_flight -= 1

    def _pop_fault(self, path: str) -> AnthropicFault | None:
        with self.lock:
            for pattern, queue in self._faults.items():
                if queue and re.fullmatch(pattern, path):
                    return queue.pop(0)
        return None

    def _headers(self, request_id: str, content_type: str, extra: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        reset = (datetime.now(UTC) + timedelta(seconds=60)).strftime("%Y-%m-%dT%H:%M:%SZ")
        base: dict[str, tuple[str, str]] = {}
        for name, value in [
            ("Content-Type", content_type),
            ("request-id", request_id),
            ("anthropic-organization-id", "00000000-0000-4000-8000-000000000000"),
            ("anthropic-ratelimit-requests-limit", "4000"),
            ("anthropic-ratelimit-requests-remaining", "3999"),
            ("anthropic-ratelimit-requests-reset", reset),
            ("anthropic-ratelimit-input-tokens-limit", "2000000"),
            ("anthropic-ratelimit-input-tokens-remaining", "2000000"),
            ("anthropic-ratelimit-input-tokens-reset", reset),
            ("anthropic-ratelimit-output-tokens-limit", "400000"),
            ("anthropic-ratelimit-output-tokens-remaining", "400000"),
            ("anthropic-ratelimit-output-tokens-reset", reset),
            ("anthropic-ratelimit-tokens-limit", "2400000"),
            ("anthropic-ratelimit-tokens-remaining", "2400000"),
            ("anthropic-ratelimit-tokens-reset", reset),
            *extra,
        ]:
            base[name.lower()] = (name, value)
        return list(base.values())

    def _answer(self, call: RecordedCall, request_id: str) -> tuple[int, Any, tuple[tuple[str, str], ...], str]:
        try:
            self._check_auth(call)
            if call.method != "POST" or call.path not in ("/v1/messages", "/v1/messages/count_tokens"):
                raise _APIError(404, "not_found_error", "Not Found")
            request = self._validate(call)
            if call.path == "/v1/messages/count_tokens":
                return 200, {"input_tokens": max(1, len(json.dumps(request)) // 4)}, (), "application/json"
            with self.lock:
                scripted = self._script.pop(0) if self._script else None
            try:
                result = scripted if scripted is not None else self.responder(request)
            except Exception:
                self.errors.append(traceback.format_exc())
                raise _APIError(500, "api_error", "Internal server error (responder raised, see fake.errors)") from None
        except _APIError as err:
            return err.status, error_body(err.error_type, err.message, request_id), (), "application/json"
        if isinstance(result, AnthropicReply):
            body = result.body
            if isinstance(body, dict) and body.get("type") == "error" and body.get("request_id", "") is None:
                body = {**body, "request_id": request_id}
            return result.status, body, result.headers, "application/json"
        message = self._complete(result, request)
        if request.get("stream") is True:
            return 200, _sse(message).encode(), (("Cache-Control", "no-cache"),), "text/event-stream; charset=utf-8"
        return 200, message, (), "application/json"

    def _check_auth(self, call: RecordedCall) -> None:
        key = call.headers.get("x-api-key")
        if key is None:
            scheme, _, token = call.headers.get("authorization", "").partition(" ")
            key = token.strip() if scheme.lower() == "bearer" else None
        call.api_key = key
        if not key:
            raise _APIError(401, "authentication_error", "x-api-key header is required")
        if self.api_keys is not None and key not in self.api_keys:
            raise _APIError(401, "authentication_error", "invalid x-api-key")

    def _validate(self, call: RecordedCall) -> dict[str, Any]:
        if "anthropic-version" not in call.headers:
            raise _APIError(400, "invalid_request_error", "anthropic-version: header is required")
        request = call.json
        if not isinstance(request, dict):
            raise _APIError(400, "invalid_request_error", "There was an issue with the format of your request body")
        required = ("model", "messages") if call.path.endswith("count_tokens") else ("model", "max_tokens", "messages")
        for name in required:
            if name not in request:
                raise _APIError(400, "invalid_request_error", f"{name}: Field required")
        model = request["model"]
        if not isinstance(model, str) or not model:
            raise _APIError(400, "invalid_request_error", "model: Input should be a valid string")
        if "max_tokens" in required:
            max_tokens = request["max_tokens"]
            if not isinstance(max_tokens, int) or isinstance(max_tokens, bool):
                raise _APIError(400, "invalid_request_error", "max_tokens: Input should be a valid integer")
            if max_tokens < 1:
                raise _APIError(400, "invalid_request_error", "max_tokens: Input should be greater than or equal to 1")
        messages = request["messages"]
        if not isinstance(messages, list):
            raise _APIError(400, "invalid_request_error", "messages: Input should be a valid list")
        if not messages:
            raise _APIError(400, "invalid_request_error", "messages: at least one message is required")
        for i, msg in enumerate(messages):
            if not isinstance(msg, dict):
                raise _APIError(400, "invalid_request_error", f"messages.{i}: Input should be a valid dictionary")
            if msg.get("role") not in ("user", "assistant"):
                raise _APIError(
                    400, "invalid_request_error", f"messages.{i}.role: Input should be 'user' or 'assistant'"
                )
            if "content" not in msg:
                raise _APIError(400, "invalid_request_error", f"messages.{i}.content: Field required")
        _check_tool_pairs(messages)
        if (marked := cache_breakpoints(request)) > MAX_CACHE_BREAKPOINTS:
            raise _APIError(
                400,
                "invalid_request_error",
                f"A maximum of {MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found {marked}.",
            )
        if self.known_models is not None and model not in self.known_models:
            raise _APIError(404, "not_found_error", f"model: {model}")
        return request

    def _complete(self, message: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
        """Fill the fields the builders leave to the server (model echo, token counts from the
        request's size and the prompt cache). A figure the answer fixes is kept."""
        out = dict(message)
        if out.get("type") != "message":
            return out
        if out.get("model") is None:
            out["model"] = request.get("model") or DEFAULT_MODEL
        cached = self.cache.account(request)  # the request was processed: its prefix is cached either way
        usage = dict(out.get("usage") or {})
        for name in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"):
            if usage.get(name) is None:
                usage[name] = getattr(cached, name)
        usage["cache_creation"] = {
            "ephemeral_5m_input_tokens": usage["cache_creation_input_tokens"],
            "ephemeral_1h_input_tokens": 0,
        }
        if usage.get("output_tokens") is None:
            usage["output_tokens"] = max(1, len(json.dumps(out.get("content"))) // 4)
        out["usage"] = usage
        return out


def _blocks(message: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    content = message.get("content")
    if not isinstance(content, list):
        return []
    return [b for b in content if isinstance(b, dict) and b.get("type") == kind]


def _check_tool_pairs(messages: list[dict[str, Any]]) -> None:
    """The API's rule: every tool_use of an assistant turn is answered by a tool_result in the
    next (user) message, and a tool_result answers a tool_use of the message just before it."""
    for i, message in enumerate(messages):
        asked = [str(b.get("id")) for b in _blocks(message, "tool_use")] if message.get("role") == "assistant" else []
        following = messages[i + 1] if i + 1 < len(messages) else None
        answered = {str(b.get("tool_use_id")) for b in _blocks(following, "tool_result")} if following else set()
        if following is not None and (missing := [t for t in asked if t not in answered]):
            raise _APIError(
                400,
                "invalid_request_error",
                f"messages.{i + 1}: `tool_use` ids were found without `tool_result` blocks immediately after: "
                f"{', '.join(missing)}. Each `tool_use` block must have a corresponding `tool_result` block in the "
                "next message.",
            )
        previous = messages[i - 1] if i > 0 else {}
        known = (
            {str(b.get("id")) for b in _blocks(previous, "tool_use")} if previous.get("role") == "assistant" else set()
        )
        for j, block in enumerate(_blocks(message, "tool_result")):
            if str(block.get("tool_use_id")) not in known:
                raise _APIError(
                    400,
                    "invalid_request_error",
                    f"messages.{i}.content.{j}: unexpected `tool_use_id` found in `tool_result` blocks: "
                    f"{block.get('tool_use_id')}. Each `tool_result` block must have a corresponding `tool_use` "
                    "block in the previous message.",
                )


def tool_results(request: Mapping[str, Any]) -> list[str]:
    """The text of every tool_result in the last message of a request, in order (what a model
    reads back after calling tools)."""
    messages = request.get("messages") or []
    if not messages:
        return []
    out: list[str] = []
    for block in _blocks(messages[-1], "tool_result"):
        content = block.get("content")
        if isinstance(content, list):
            content = "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
        out.append(str(content))
    return out


def _sse(message: dict[str, Any]) -> str:
    """The Messages streaming event sequence that reproduces ``message``."""

    def event(name: str, data: dict[str, Any]) -> str:
        return f"event: {name}\ndata: {json.dumps(data)}\n\n"

    usage = message.get("usage") or {}
    start = {
        **message,
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {**usage, "output_tokens": 1},
    }
    parts = [event("message_start", {"type": "message_start", "message": start}), event("ping", {"type": "ping"})]
    for i, block in enumerate(message.get("content") or []):
        if block.get("type") == "tool_use":
            head = {**block, "input": {}}
            raw = json.dumps(block.get("input") or {})
            deltas = [{"type": "input_json_delta", "partial_json": raw[j : j + 64]} for j in range(0, len(raw), 64)]
        else:
            head = {**block, "text": ""}
            text = str(block.get("text") or "")
            deltas = [{"type": "text_delta", "text": text[j : j + 64]} for j in range(0, len(text), 64)]
        parts.append(event("content_block_start", {"type": "content_block_start", "index": i, "content_block": head}))
        parts += [event("content_block_delta", {"type": "content_block_delta", "index": i, "delta": d}) for d in deltas]
        parts.append(event("content_block_stop", {"type": "content_block_stop", "index": i}))
    parts.append(
        event(
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": message.get("stop_reason"), "stop_sequence": message.get("stop_sequence")},
                "usage": {"output_tokens": usage.get("output_tokens", 1)},
            },
        )
    )
    parts.append(event("message_stop", {"type": "message_stop"}))
    return "".join(parts)
