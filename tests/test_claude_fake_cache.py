"""The loopback Messages API accounts prompt caching as the API does, seen through the real SDK."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import anthropic
import pytest
from fakes import FakeAnthropic, PromptCache, fake_anthropic_server, tool_use_response

MODEL = "claude-sonnet-4-5"  # a 1,024-token minimum
CACHED = {"type": "ephemeral"}
TOOLS: list[Any] = [{"name": "report_findings", "description": "Report", "input_schema": {"type": "object"}}]
SYSTEM_TEXT = "You review pull requests for security flaws. " * 200  # ~2,200 tokens at 4 bytes a token
DIFF = "+    query = f'SELECT * FROM t WHERE id = {request.args[\"id\"]}'\n" * 300


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as server:
        yield server
        assert server.errors == []


def system(marked: bool = True) -> list[dict[str, Any]]:
    block: dict[str, Any] = {"type": "text", "text": SYSTEM_TEXT}
    return [{**block, "cache_control": CACHED} if marked else block]


def text(value: str, marked: bool = False) -> dict[str, Any]:
    return {"type": "text", "text": value, **({"cache_control": CACHED} if marked else {})}


def ask(fake: FakeAnthropic, messages: list[dict[str, Any]], **kwargs: Any) -> anthropic.types.Usage:
    client = anthropic.Anthropic(api_key="k", base_url=fake.url, max_retries=0)
    arguments: dict[str, Any] = {"model": MODEL, "max_tokens": 1024, "system": system(), "tools": TOOLS}
    arguments |= kwargs
    return client.messages.create(messages=messages, **arguments).usage


def first_turn() -> list[dict[str, Any]]:
    return [{"role": "user", "content": [text(DIFF, marked=True)]}]


def second_turn(marked: bool = True) -> list[dict[str, Any]]:
    """The first turn with its marker kept, a lookup and its answer, the answer marked."""
    lookup = {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {"path": "app/db.py"}}
    answer = {"type": "tool_result", "tool_use_id": "toolu_1", "content": "def query(sql): ..."}
    return [
        *first_turn(),
        {"role": "assistant", "content": [lookup]},
        {"role": "user", "content": [{**answer, "cache_control": CACHED} if marked else answer]},
    ]


def test_a_prefix_is_written_at_its_breakpoint_then_read_by_the_next_request(fake: FakeAnthropic) -> None:
    messages = [{"role": "user", "content": "Review this."}]
    first, second = ask(fake, messages), ask(fake, messages)

    assert (first.cache_read_input_tokens, second.cache_creation_input_tokens) == (0, 0)
    assert first.cache_creation_input_tokens == second.cache_read_input_tokens > 2000  # tools and system
    assert first.input_tokens == second.input_tokens < 100  # the user turn and the request's other fields
    assert first.cache_creation is not None
    assert first.cache_creation.ephemeral_5m_input_tokens == first.cache_creation_input_tokens


def test_a_moving_breakpoint_reads_the_earlier_turn_and_writes_only_what_is_new(fake: FakeAnthropic) -> None:
    one = ask(fake, first_turn(), tool_choice={"type": "any"})
    two = ask(fake, second_turn(), tool_choice={"type": "any"})

    assert one.cache_read_input_tokens == 0
    assert one.cache_creation_input_tokens > 6000  # system and the diff
    assert two.cache_read_input_tokens == one.cache_creation_input_tokens
    assert 0 < two.cache_creation_input_tokens < 100  # the lookup and its answer
    assert two.input_tokens < 100  # after the last breakpoint: the request's other fields


def test_without_a_breakpoint_on_the_conversation_every_turn_pays_for_it_again(fake: FakeAnthropic) -> None:
    plain = [{"role": "user", "content": DIFF}]
    one = ask(fake, plain, tool_choice={"type": "any"})
    two = ask(fake, [*plain, *second_turn(marked=False)[1:]], tool_choice={"type": "any"})

    assert two.cache_read_input_tokens == one.cache_creation_input_tokens  # the system prompt only
    assert two.cache_creation_input_tokens == 0
    assert two.input_tokens > one.input_tokens > 5000  # the diff, again


def test_changing_tool_choice_invalidates_the_messages_cache_but_not_the_systems(fake: FakeAnthropic) -> None:
    one = ask(fake, first_turn(), tool_choice={"type": "any"})
    forced = ask(fake, first_turn(), tool_choice={"type": "tool", "name": "report_findings"})

    system_only = ask(fake, [{"role": "user", "content": "x"}])
    assert forced.cache_read_input_tokens == system_only.cache_read_input_tokens > 0
    assert forced.cache_read_input_tokens + forced.cache_creation_input_tokens == one.cache_creation_input_tokens


@pytest.mark.parametrize(("model", "cached"), [("claude-sonnet-4-5", True), ("claude-haiku-4-5", False)])
def test_a_prefix_shorter_than_the_models_minimum_is_not_cached(fake: FakeAnthropic, model: str, cached: bool) -> None:
    # tools and system: ~2,200 tokens, over Sonnet 4.5's 1,024 and under Haiku 4.5's 4,096
    messages = [{"role": "user", "content": "Review this."}]
    ask(fake, messages, model=model)
    usage = ask(fake, messages, model=model)

    assert (usage.cache_read_input_tokens > 0) is cached
    assert usage.cache_creation_input_tokens == 0
    assert (usage.input_tokens > 2000) is not cached  # without a cache, all of it is input


@pytest.mark.parametrize(("added", "hit"), [(19, True), (20, False)])
def test_an_earlier_entry_is_found_only_within_twenty_blocks_before_a_breakpoint(
    fake: FakeAnthropic, added: int, hit: bool
) -> None:
    blocks = [text(f"part {n}: " + DIFF[:400]) for n in range(5)]
    ask(fake, [{"role": "user", "content": [*blocks[:4], {**blocks[4], "cache_control": CACHED}]}])
    more = [text(f"more {n}") for n in range(added)]
    usage = ask(fake, [{"role": "user", "content": [*blocks, *more[:-1], {**more[-1], "cache_control": CACHED}]}])

    system_only = ask(fake, [{"role": "user", "content": "x"}])
    assert (usage.cache_read_input_tokens > system_only.cache_read_input_tokens) is hit


def test_more_than_four_breakpoints_is_the_apis_400_and_caches_nothing(fake: FakeAnthropic) -> None:
    marked = [text(f"block {n} " + DIFF[:2000], marked=True) for n in range(4)]
    with pytest.raises(anthropic.BadRequestError) as raised:
        ask(fake, [{"role": "user", "content": marked}])  # with the system's: five

    assert raised.value.status_code == 400
    body = raised.value.body
    assert isinstance(body, dict)
    assert body["error"] == {
        "type": "invalid_request_error",
        "message": "A maximum of 4 blocks with cache_control may be provided. Found 5.",
    }
    usage = ask(fake, [{"role": "user", "content": marked[:3]}])
    assert usage.cache_read_input_tokens == 0


def test_an_entry_expires_after_its_lifetime_unless_read() -> None:
    messages = [{"role": "user", "content": "Review this."}]
    with fake_anthropic_server(cache=PromptCache(ttl_s=0.3)) as fake:
        ask(fake, messages)
        time.sleep(0.2)
        assert ask(fake, messages).cache_read_input_tokens > 0  # a hit refreshes the entry
        time.sleep(0.2)
        assert ask(fake, messages).cache_read_input_tokens > 0
        time.sleep(0.4)
        expired = ask(fake, messages)
    assert expired.cache_read_input_tokens == 0
    assert expired.cache_creation_input_tokens > 0


def test_a_figure_the_scripted_answer_fixes_wins(fake: FakeAnthropic) -> None:
    fake.enqueue(tool_use_response({"findings": []}, input_tokens=7, cache_read_input_tokens=3))
    usage = ask(fake, [{"role": "user", "content": "Review this."}])

    assert (usage.input_tokens, usage.cache_read_input_tokens) == (7, 3)
    assert usage.cache_creation_input_tokens > 2000  # left to the server: the system prompt's write
