"""Prompt caching of the lookup turns: billed input per request, against the request shape before.

    .venv/bin/python benchmarks/claude/cache.py

The synthetic change's 240 new files (benchmarks/claude/run.py) are a git repository's branch,
reviewed by `pr-review scan` against the loopback Messages API, where a scripted model makes 0 to 3
lookups per request before it answers. The recorded turns are priced again, in order, through the
fake's prompt cache (tests/fakes/anthropic.py `PromptCache`, the API's rules) in three shapes:

- *before*: the request shape before the conversation was cached (breakpoints on the system
  blocks only, the user turn a string), built from the recorded request by
  `claude_support.uncached_conversation`;
- *from turn 2*: the conversation cached from the first lookup turn on (the first turn unmarked);
- *now*: the requests as `pr-review` sent them (cached from the first turn when lookups are on).

The figure is the billed input-equivalent per request (all turns of one chunk's request):
input + 1.25 x cache writes + 0.1 x cache reads, in tokens. `table()` is used by run.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from claude_support import claude_of, uncached_conversation, user_content  # noqa: E402
from conftest import GitRepo  # noqa: E402
from fakes import CacheUsage, FakeAnthropic, PromptCache, tool_use_response  # noqa: E402

from pr_review.cli import main  # noqa: E402

LOOKUPS = (0, 1, 2, 3)
HELPER = "".join(
    f"def check_{n}(user, item):\n    return item.owner_id == user.id  # rule {n}\n\n\n" for n in range(40)
)
Shape = Callable[[dict[str, Any]], dict[str, Any]]


def _from_turn_two(request: dict[str, Any]) -> dict[str, Any]:
    return uncached_conversation(request) if len(request["messages"]) == 1 else request


SHAPES: dict[str, Shape] = {"before": uncached_conversation, "from turn 2": _from_turn_two, "now": lambda r: r}


def billed(usage: CacheUsage) -> float:
    """Input-equivalent tokens: what the request's input costs, in tokens at the input price."""
    return usage.input_tokens + 1.25 * usage.cache_creation_input_tokens + 0.1 * usage.cache_read_input_tokens


def per_request(requests: list[dict[str, Any]], shape: Shape) -> float:
    """Mean billed input of a request (every turn of one chunk), the recorded turns priced in order
    through a fresh cache in the given shape."""
    cache = PromptCache()
    spent: dict[str, float] = {}
    for request in requests:
        chunk = user_content(request)  # the first user turn names the chunk
        spent[chunk] = spent.get(chunk, 0.0) + billed(cache.account(shape(request)))
    return sum(spent.values()) / max(len(spent), 1)


def _model(lookups: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Reads the helper and searches it, alternately, `lookups` times, then reports nothing."""

    def respond(request: dict[str, Any]) -> dict[str, Any]:
        turn = sum(1 for m in request["messages"] if m["role"] == "assistant")
        if request["tool_choice"]["type"] == "tool" or turn >= lookups:
            return tool_use_response({"findings": []})
        if turn % 2 == 0:
            return tool_use_response({"path": "lib/checks.py"}, name="read_file")
        return tool_use_response({"pattern": f"def check_{turn}"}, name="search")

    return respond


@dataclass(frozen=True)
class Row:
    lookups: int
    requests: int
    turns: int
    billed: dict[str, float]  # shape -> billed input-equivalent tokens per request

    @property
    def ratio(self) -> float:
        return self.billed["now"] / self.billed["before"]


def _scan(repo: GitRepo, tmp: Path, fake: FakeAnthropic) -> dict[str, Any]:
    tmp.mkdir()
    config = tmp / "pr-review.yml"
    config.write_text("semgrep:\n  enabled: false\nclaude:\n  concurrency: 1\n")  # one at a time: as priced
    environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": fake.url, "PATH": os.environ.get("PATH", "")}
    argv = ["scan", str(repo.path), "--base", "main", "--head", "change", "--config", str(config)]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main([*argv, "--out", str(tmp / "out"), "--format", "json"], environ=environ)
    document: dict[str, Any] = json.loads((tmp / "out" / "findings.json").read_text())
    return claude_of(document)


def measure(files: Mapping[str, bytes]) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="pr-review-cache-bench-") as name:
        tmp = Path(name)
        (tmp / "repo").mkdir()
        repo = GitRepo(tmp / "repo")
        repo.commit({"lib/__init__.py": "", "lib/checks.py": HELPER}, "base")
        repo.git("checkout", "-q", "-b", "change")
        repo.commit(dict(files), "the synthetic change's new files")
        for lookups in LOOKUPS:
            with FakeAnthropic(responder=_model(lookups)) as fake:
                analyzer = _scan(repo, tmp / f"run-{lookups}", fake)
                requests = fake.message_requests()
            meta = analyzer["metadata"]
            # The server's own figures, one request at a time, are the "now" shape priced in order.
            live = float(meta["input_tokens"]) + 1.25 * float(meta["cache_write_tokens"])
            live += 0.1 * float(meta["cache_read_tokens"])
            figures = {shape: per_request(requests, build) for shape, build in SHAPES.items()}
            chunks = len({user_content(r) for r in requests})
            assert abs(live / chunks - figures["now"]) < 1, (live / chunks, figures["now"])
            rows.append(Row(lookups, chunks, len(requests), figures))
    return rows


def table(rows: list[Row], mix: Sequence[int] = ()) -> str:
    """The rows; with `mix` (lookups of each request of a workload), its ratio too."""
    lines = [
        "| lookups per request | requests | turns | before | from turn 2 | now | now ÷ before |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r.lookups} | {r.requests} | {r.turns} | {r.billed['before']:,.0f} | {r.billed['from turn 2']:,.0f} "
        f"| {r.billed['now']:,.0f} | **{r.ratio:.2f}** |"
        for r in rows
    ]
    none, one = rows[0], rows[1]
    penalty = none.billed["now"] - none.billed["from turn 2"]
    saving = one.billed["from turn 2"] - one.billed["now"]
    lines.append(
        f"\nCaching the first turn costs {penalty:,.0f} tokens more on a request that makes no lookup and "
        f"saves {saving:,.0f} on one that makes at least one: it pays once more than "
        f"{penalty / (penalty + saving):.0%} of requests make a lookup."
    )
    by_lookups = {r.lookups: r for r in rows}
    if mix and all(n in by_lookups for n in mix):
        now = sum(by_lookups[n].billed["now"] for n in mix)
        before = sum(by_lookups[n].billed["before"] for n in mix)
        lines.append(
            f"With the lookups' benchmark's mix ({', '.join(map(str, mix))} lookups per request; "
            f"{sum(mix) / len(mix):.2f} on average), now ÷ before = **{now / before:.2f}**."
        )
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.claude.run import generate

    print(table(measure({p: c for p, c in generate().head.items() if p.startswith("services/")}), (2, 1, 2)))
