"""Builders shared by tests/test_claude*.py: diffs, review inputs, analyzers against the fake."""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pr_review.analyzers.base import AnalyzerContext, AnalyzerResult, Credentials, ReviewInput
from pr_review.analyzers.claude.analyzer import ClaudeAnalyzer
from pr_review.classify.view import ModelView, unclassified_view
from pr_review.cli import main
from pr_review.config import Config
from pr_review.config_loader import build_config
from pr_review.gather.change import Change, PullRequestMeta, ReviewTarget, reconstruct_from_hunks
from pr_review.gather.diff import parse_diff
from pr_review.pipeline import run_analyzers
from pr_review.progress import PlainProgress
from pr_review.scope import build_scope

if TYPE_CHECKING:
    from conftest import GitRepo
    from fakes import FakeAnthropic

OPEN = re.compile(r"^<<<UNTRUSTED-DATA nonce=([0-9a-f]+) kind=([a-z-]+)(.*)>>>$", re.MULTILINE)


def new_file_diff(files: Mapping[str, Sequence[str]]) -> str:
    """A git diff adding each file with the given lines."""
    out: list[str] = []
    for path, lines in files.items():
        out += [
            f"diff --git a/{path} b/{path}",
            "new file mode 100644",
            "--- /dev/null",
            f"+++ b/{path}",
            f"@@ -0,0 +1,{len(lines)} @@",
            *(f"+{line}" for line in lines),
        ]
    return "\n".join(out) + "\n"


def config(**claude: Any) -> Config:
    settings: dict[str, Any] = {"concurrency": 4, "max_attempts": 3, "max_retry_s": 5.0, "timeout_s": 10.0}
    settings.update(claude)
    return build_config({"claude": settings})


def review_input(
    diff: str,
    *,
    pr: PullRequestMeta | None = None,
    cfg: Config | None = None,
    view: ModelView | None = None,
    head: Mapping[str, str] | None = None,
) -> ReviewInput:
    files = parse_diff(diff)
    reader = reconstruct_from_hunks(files)
    if head is not None:
        contents = {path: text.encode() for path, text in head.items()}

        def read(path: str) -> bytes | None:
            return contents.get(path, reader(path))

    else:
        read = reader
    change = Change(ReviewTarget("octo/app", "base", "head"), files, read, pr=pr or PullRequestMeta())
    cfg = cfg or config()
    scope = build_scope(change, cfg)
    return ReviewInput(scope, cfg, Path("/nonexistent"), None, view or unclassified_view(scope))


def analyzer(url: str, *, key: str | None = "k", instructions: str | None = None) -> ClaudeAnalyzer:
    context = AnalyzerContext(Credentials(anthropic_api_key=key), {"ANTHROPIC_BASE_URL": url}, instructions)
    return ClaudeAnalyzer(context, backoff_base_s=0.001)


def as_recorded(analyzer: ClaudeAnalyzer, review: ReviewInput) -> AnalyzerResult:
    """The analyzer's result as the pipeline records it, with whether its failure fails the run."""
    (result,) = run_analyzers([analyzer], review, PlainProgress(io.StringIO()))
    return result


def finding(path: str, start: int, end: int | None = None, **fields: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "path": path,
        "start_line": start,
        "end_line": end if end is not None else start,
        "severity": "high",
        "cwe": "CWE-89",
        "title": "SQL injection",
        "description": "User input reaches a query.",
        "exploit_scenario": "customer=' OR 1=1 --",
        "recommendation": "Use bound parameters.",
        "confidence": 0.9,
    }
    item.update(fields)
    return item


def user_content(request: Mapping[str, Any]) -> str:
    """The first user turn's text: a string, or (cached, with lookups) one marked text block."""
    content = request["messages"][0]["content"]
    if isinstance(content, list):
        [block] = content
        content = block["text"]
    assert isinstance(content, str)
    return content


def paths_in(request: Mapping[str, Any]) -> list[str]:
    """The code blocks' path attributes of one recorded request."""
    return [m.group(1) for m in re.finditer(r' kind=code path="([^"]*)"', user_content(request))]


def added_lines_in(request: Mapping[str, Any]) -> set[tuple[str, int]]:
    """(path, line) of every `+` line the request shows."""
    shown: set[tuple[str, int]] = set()
    path = ""
    for line in user_content(request).split("\n"):
        opening = re.match(r'^<<<UNTRUSTED-DATA nonce=\w+ kind=code path="([^"]*)"', line)
        if opening:
            path = opening.group(1)
            continue
        numbered = re.match(r"^(\d+)\+ ", line)
        if numbered:
            shown.add((path, int(numbered.group(1))))
    return shown


def outside_fences(text: str, nonce: str) -> str:
    """The text with every fenced block (delimiters included) removed."""
    pattern = re.compile(
        rf"^<<<UNTRUSTED-DATA nonce={nonce} .*?^<<<END-UNTRUSTED-DATA nonce={nonce}>>>$", re.MULTILINE | re.DOTALL
    )
    return pattern.sub("", text)


def nonce_of(request: Mapping[str, Any]) -> str:
    match = re.search(r"data-block nonce is ([0-9a-f]+)\.", user_content(request))
    assert match is not None
    return match.group(1)


def finds_every_added_region(request: dict[str, Any]) -> dict[str, Any]:
    """A model (the fake's responder) that reports each run of added lines it is shown, whatever the code says."""
    from fakes import tool_use_response

    regions: list[tuple[str, int, int]] = []
    for path, line in sorted(added_lines_in(request)):
        if regions and regions[-1][0] == path and regions[-1][2] == line - 1:
            regions[-1] = (path, regions[-1][1], line)
        else:
            regions.append((path, line, line))
    return tool_use_response({"findings": [finding(path, start, end) for path, start, end in regions]})


def scan(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path, *, claude_config: str = "", **extra: str
) -> tuple[int, dict[str, Any], list[dict[str, Any]]]:
    """`pr-review scan` of main..feature against the fake: exit code, findings.json, audit events."""
    tmp_path.mkdir(exist_ok=True)
    config = tmp_path / "pr-review.yml"
    settings = "".join(f"  {k}: {v}\n" for k, v in extra.items())
    config.write_text(f"semgrep:\n  enabled: false\nclaude:\n  max_attempts: 1\n{settings}{claude_config}")
    out = tmp_path / "out"
    environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": claude.url, "PATH": os.environ.get("PATH", "")}
    argv = ["scan", str(project.path), "--base", "main", "--head", "feature", "--config", str(config)]
    code = main([*argv, "--format", "json", "--out", str(out)], environ=environ)
    document = json.loads((out / "findings.json").read_text())
    events = [json.loads(line) for line in (out / "audit.jsonl").read_text().splitlines()]
    return code, document, events


def claude_of(document: Mapping[str, Any]) -> dict[str, Any]:
    return next(a for a in document["analyzers"] if a["name"] == "claude")


def uncached_conversation(request: Mapping[str, Any]) -> dict[str, Any]:
    """The request as it was sent before the conversation was cached: cache breakpoints only on the
    system blocks, the first user turn a string (the baseline the benchmark and tests price)."""
    messages = []
    for message in request["messages"]:
        content = message["content"]
        if isinstance(content, list):
            content = [{k: v for k, v in block.items() if k != "cache_control"} for block in content]
            if message is request["messages"][0] and [b["type"] for b in content] == ["text"]:
                content = content[0]["text"]
        messages.append({**message, "content": content})
    return {**request, "messages": messages}
