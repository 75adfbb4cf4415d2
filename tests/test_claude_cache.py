"""A review whose model makes lookups reads the conversation back from the prompt cache.

Each lookup turn sends the whole conversation again (the fenced diff, earlier lookups): with a
moving cache breakpoint it is read at a tenth of the input price instead of paid in full. Driven
through `pr-review scan` against the loopback Messages API, whose prompt cache follows the API's
rules (tests/test_claude_fake_cache.py).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from claude_support import claude_of, finding, scan, uncached_conversation
from conftest import GitRepo
from fakes import CacheUsage, FakeAnthropic, PromptCache, tool_use_response

from pr_review.config import ClaudeSettings

HELPER = "def run_query(sql):\n    return DB.execute(sql)\n"
# A change whose user turn dominates the request, as a real diff chunk does (~9,000 tokens).
VIEWS = "from app.db import run_query\n\n\n" + "".join(
    f"def orders_{n}(request):\n    return run_query(request.args['q{n}'])\n\n\n" for n in range(400)
)


@pytest.fixture
def project(repo: GitRepo) -> GitRepo:
    repo.commit({"app/__init__.py": "", "app/db.py": HELPER, "review.md": "Flag raw SQL."}, "base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"app/views.py": VIEWS}, "orders views")
    return repo


def looks_twice(request: dict[str, Any]) -> dict[str, Any]:
    """A model that reads the helper, searches for its callers, then reports."""
    turn = sum(1 for m in request["messages"] if m["role"] == "assistant")
    if turn == 0:
        return tool_use_response({"path": "app/db.py"}, name="read_file")
    if turn == 1:
        return tool_use_response({"pattern": "run_query"}, name="search")
    return tool_use_response({"findings": [finding("app/views.py", 5)]})


def priced(usage: list[CacheUsage], output_tokens: int) -> float:
    price = ClaudeSettings().price(ClaudeSettings().model)
    assert price is not None
    spent = sum(
        u.input_tokens * price.input
        + u.cache_read_input_tokens * price.cache_read
        + u.cache_creation_input_tokens * price.cache_write
        for u in usage
    )
    return (spent + output_tokens * price.output) / 1e6


def breakpoints(request: dict[str, Any]) -> list[str]:
    """Where the request's cache_control markers are: system blocks, and messages by role."""
    marked = [f"system.{n}" for n, b in enumerate(request["system"]) if "cache_control" in b]
    for n, message in enumerate(request["messages"]):
        content = message["content"]
        blocks = content if isinstance(content, list) else []
        marked += [f"messages.{n}.{message['role']}" for b in blocks if "cache_control" in b]
    return marked


def test_lookup_turns_read_the_conversation_from_the_cache_and_the_review_costs_less(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    claude.responder = looks_twice
    code, document, events = scan(claude, project, tmp_path, claude_config="  instructions: review.md\n")

    assert code == 0
    assert [f["location"]["path"] for f in document["findings"]] == ["app/views.py"]
    requests = claude.message_requests()
    assert [breakpoints(r) for r in requests] == [
        ["system.0", "system.1", "messages.0.user"],
        ["system.0", "system.1", "messages.0.user", "messages.2.user"],
        ["system.0", "system.1", "messages.2.user", "messages.4.user"],  # four: the API's most
    ]
    # The same requests through a cache of their own give the figures the server reported.
    cache = PromptCache()
    turns = [cache.account(r) for r in requests]
    user_turn = len(json.dumps(requests[0]["messages"][0]["content"][0]["text"])) // 4
    assert turns[0].cache_read_input_tokens == 0
    assert turns[0].cache_creation_input_tokens > user_turn > 8000  # the system prompt and the diff
    for earlier, turn in itertools.pairwise(turns):  # each lookup turn reads all that came before
        assert turn.cache_read_input_tokens == earlier.cache_read_input_tokens + earlier.cache_creation_input_tokens
        assert turn.cache_creation_input_tokens < user_turn // 8  # only the lookup and its answer are new

    answered = [e["data"]["usage"]["input_tokens"] for e in events if e["event"] == "model_response"]
    assert answered == [t.input_tokens for t in turns]  # as the server reported each turn

    meta = claude_of(document)["metadata"]
    tokens = {k: int(meta[f"{k}_tokens"]) for k in ("input", "output", "cache_read", "cache_write")}
    assert tokens["input"] == sum(t.input_tokens for t in turns)
    assert tokens["cache_read"] == sum(t.cache_read_input_tokens for t in turns)
    assert tokens["cache_write"] == sum(t.cache_creation_input_tokens for t in turns)
    assert float(meta["cost_usd"]) == pytest.approx(priced(turns, tokens["output"]), abs=1e-6)
    [review] = [e["data"] for e in events if e["event"] == "model_review"]
    assert (review["input_tokens"], review["output_tokens"]) == (tokens["input"], tokens["output"])
    assert (review["cache_read_tokens"], review["cache_write_tokens"]) == (tokens["cache_read"], tokens["cache_write"])
    assert review["cost_usd"] == float(meta["cost_usd"])
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert f"{tokens['cache_read']:,} cache reads, {tokens['cache_write']:,} cache writes" in summary

    # The same conversation as it was sent before: every turn pays for the diff again.
    cache = PromptCache()
    old = [cache.account(uncached_conversation(r)) for r in requests]
    assert sum(u.input_tokens for u in old) > 3 * user_turn
    assert float(meta["cost_usd"]) < 0.65 * priced(old, tokens["output"])


def test_without_lookups_the_one_request_caches_only_the_system_prompt(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    _, document, _ = scan(claude, project, tmp_path, context_tools="false")

    [request] = claude.message_requests()
    assert breakpoints(request) == ["system.0"]
    assert isinstance(request["messages"][0]["content"], str)
    meta = claude_of(document)["metadata"]
    assert int(meta["input_tokens"]) > 8000  # the diff, read once at the input price
    assert int(meta["cache_write_tokens"]) < 5000  # the tools and the system prompt only


def test_a_turn_of_many_parallel_lookups_still_reads_the_turn_before(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    """Twelve lookups and their twelve answers put the first turn's entry more than 20 blocks before
    the newest breakpoint, beyond the API's lookback: the breakpoint it was written at is kept."""

    def many(request: dict[str, Any]) -> dict[str, Any]:
        if len(request["messages"]) > 1:
            return tool_use_response({"findings": []})
        answer = tool_use_response({"path": "app/db.py"}, name="read_file")
        first = answer["content"][0]
        answer["content"] = [{**first, "id": f"toolu_{n:02}", "input": {"path": "app/db.py"}} for n in range(12)]
        return answer

    claude.responder = many
    scan(claude, project, tmp_path, max_tool_calls="20")

    cache = PromptCache()
    first, second = (cache.account(r) for r in claude.message_requests())
    assert second.cache_read_input_tokens == first.cache_read_input_tokens + first.cache_creation_input_tokens


def test_the_forced_answer_writes_nothing_to_the_cache(claude: FakeAnthropic, project: GitRepo, tmp_path: Path) -> None:
    """The forced last turn changes tool_choice, which invalidates the conversation's cache: it
    carries no breakpoint on the conversation, so it pays no write that would go unread."""
    claude.responder = lambda request: (
        tool_use_response({"findings": []})
        if request["tool_choice"]["type"] == "tool"
        else tool_use_response({"path": "app/db.py"}, name="read_file")
    )
    scan(claude, project, tmp_path, max_tool_calls="1")

    requests = claude.message_requests()
    assert [r["tool_choice"]["type"] for r in requests] == ["any", "tool"]
    assert breakpoints(requests[1]) == ["system.0"]
    cache = PromptCache()
    _, forced = (cache.account(r) for r in requests)
    assert forced.cache_creation_input_tokens == 0
    assert forced.input_tokens > 8000  # the diff at the input price, as before caching: no 1.25x write
