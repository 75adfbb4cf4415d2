"""Loopback fakes of the GitHub REST API and the Anthropic Messages API (see README.md).

Importable as ``fakes`` (pytest puts ``tests/`` on ``sys.path``) or ``tests.fakes``.
``conftest.py`` can wrap the context managers below as fixtures::

    @pytest.fixture
    def fake_github() -> Iterator[FakeGitHub]:
        with fake_github_server() as fake:
            yield fake
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .anthropic import (
    DEFAULT_MODEL,
    AnthropicFault,
    AnthropicReply,
    CacheUsage,
    FakeAnthropic,
    PromptCache,
    RecordedCall,
    Responder,
    error_body,
    max_tokens_response,
    text_response,
    tool_results,
    tool_use_response,
)
from .github import (
    FakeCommit,
    FakeFile,
    FakeGitHub,
    FakeLabel,
    FakePullRequest,
    FakeRepo,
    GitHubFault,
    LoopbackServer,
    RecordedRequest,
    TokenInfo,
    files_from_diff,
    parse_patch,
)

__all__ = [
    "DEFAULT_MODEL",
    "AnthropicFault",
    "AnthropicReply",
    "CacheUsage",
    "FakeAnthropic",
    "FakeCommit",
    "FakeFile",
    "FakeGitHub",
    "FakeLabel",
    "FakePullRequest",
    "FakeRepo",
    "GitHubFault",
    "LoopbackServer",
    "PromptCache",
    "RecordedCall",
    "RecordedRequest",
    "Responder",
    "TokenInfo",
    "error_body",
    "fake_anthropic_server",
    "fake_github_server",
    "files_from_diff",
    "max_tokens_response",
    "parse_patch",
    "text_response",
    "tool_results",
    "tool_use_response",
]


@contextmanager
def fake_github_server(
    *,
    tokens: Mapping[str, TokenInfo | str] | None = None,
    rate_limit: int = 5000,
    repo: str | None = "octo/app",
    **repo_kwargs: Any,
) -> Iterator[FakeGitHub]:
    """A running :class:`FakeGitHub`; token ``"t"`` by default and, unless ``repo=None``, one
    repository (``octo/app``; ``repo_kwargs`` go to :meth:`FakeGitHub.add_repo`)."""
    fake = FakeGitHub(tokens=tokens, rate_limit=rate_limit)
    if repo is not None:
        fake.add_repo(repo, **repo_kwargs)
    with fake:
        yield fake


@contextmanager
def fake_anthropic_server(**kwargs: Any) -> Iterator[FakeAnthropic]:
    """A running :class:`FakeAnthropic` accepting key ``"k"``; ``kwargs`` go to its constructor."""
    with FakeAnthropic(**kwargs) as fake:
        yield fake
