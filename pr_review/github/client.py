"""The PyGithub client and the one retry policy every GitHub call goes through.

PyGithub's own retry is off (`retry=None`): stacked on ours it would re-send a POST after a 5xx and
end in a `requests` RetryError instead of a GithubException. Here 5xx, rate limits (primary and
secondary, honouring Retry-After / x-ratelimit-reset), timeouts and dropped connections are retried
with bounded, jittered backoff; a write is retried only after checking it did not land already.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from github import Auth, Github, GithubException
from github.GithubObject import GithubObject
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_after_delay

from pr_review.errors import PrReviewError

logger = logging.getLogger(__name__)

T = TypeVar("T")
G = TypeVar("G", bound=GithubObject)
_RETRYABLE_STATUS = frozenset({500, 502, 503, 504})


class GitHubError(PrReviewError):
    """A GitHub API call failed for good; `status` is the HTTP status (0: no response)."""

    def __init__(self, message: str, *, status: int = 0, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.status = status

    @classmethod
    def from_exception(cls, what: str, exc: BaseException) -> GitHubError:
        if isinstance(exc, GithubException):
            data = exc.data if isinstance(exc.data, dict) else {}
            message = str(data.get("message") or exc.message or "no message")
            errors = data.get("errors")
            if errors:
                message += f" ({errors})"[:300]
            docs = data.get("documentation_url")
            hint = ""
            if exc.status == 401:
                hint = "GitHub did not accept the token: it is missing, expired or revoked (check GITHUB_TOKEN)"
            elif exc.status == 403 and "rate limit" not in message.lower():
                hint = "the token lacks permission: grant `pull-requests: write` and `issues: write`"
            text = f"{what}: GitHub answered {exc.status}: {message}" + (f" — see {docs}" if docs else "")
            return cls(text, status=exc.status, hint=hint)
        return cls(f"{what}: {type(exc).__name__}: {exc}")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 5
    total_s: float = 300.0
    base_s: float = 1.0
    max_wait_s: float = 60.0


def _header(headers: Any, name: str) -> str | None:
    if not headers:
        return None
    for key, value in dict(headers).items():
        if str(key).lower() == name:
            return str(value)
    return None


def server_wait(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait, or None when it did not say."""
    if not isinstance(exc, GithubException):
        return None
    retry_after = _header(exc.headers, "retry-after")
    if retry_after is not None:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            return None
    if _header(exc.headers, "x-ratelimit-remaining") == "0":
        reset = _header(exc.headers, "x-ratelimit-reset")
        if reset is not None and reset.isdigit():
            return max(0.0, int(reset) - time.time())
    return None


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, requests.exceptions.ConnectionError | requests.exceptions.Timeout):
        return True
    if not isinstance(exc, GithubException):
        return False
    if exc.status in _RETRYABLE_STATUS:
        return True
    if exc.status in (403, 429):
        message = str((exc.data or {}).get("message", "") if isinstance(exc.data, dict) else exc.data).lower()
        return "rate limit" in message or server_wait(exc) is not None
    return False


class GitHubApi:
    """A PyGithub client plus the retry policy; `call` for reads, `write` for non-idempotent POSTs."""

    def __init__(
        self,
        api_url: str,
        token: str | None,
        *,
        timeout_s: int = 30,
        policy: RetryPolicy | None = None,
        write_interval_s: float = 1.0,
    ) -> None:
        self.policy = policy or RetryPolicy()
        self.github = Github(
            base_url=api_url,
            auth=Auth.Token(token) if token else None,
            timeout=timeout_s,
            retry=None,
            per_page=100,
            seconds_between_requests=None,
            # GitHub asks integrations to space out writes to avoid secondary rate limits.
            seconds_between_writes=write_interval_s or None,
        )

    def adopt(self, obj: G) -> G:
        """An object another client read, bound to this one (its timeout, its write spacing) without
        reading it again."""
        return self.github.create_from_raw_data(type(obj), obj.raw_data, obj.raw_headers)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        asked = server_wait(exc) if exc is not None else None
        if asked is not None:
            return min(asked, self.policy.max_wait_s)
        backoff = self.policy.base_s * 2 ** (state.attempt_number - 1)
        jitter: float = random.uniform(0.5, 1.0)  # noqa: S311 (jitter, not crypto)
        return float(min(backoff, self.policy.max_wait_s) * jitter)

    def _retrying(self, what: str) -> Retrying:
        def log(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome is not None else None
            logger.warning("%s failed (%s), retrying (attempt %d)", what, exc, state.attempt_number)

        return Retrying(
            retry=retry_if_exception(is_transient),
            stop=stop_after_attempt(self.policy.attempts) | stop_after_delay(self.policy.total_s),
            wait=self._wait,
            before_sleep=log,
            reraise=True,
        )

    def call(self, what: str, operation: Callable[[], T]) -> T:
        try:
            for attempt in self._retrying(what):
                with attempt:
                    result = operation()
        except (GithubException, requests.exceptions.RequestException) as exc:
            raise GitHubError.from_exception(what, exc) from exc
        return result

    def write(self, what: str, operation: Callable[[], T], *, landed: Callable[[], T | None]) -> T:
        """A POST that must not be duplicated: before each retry, `landed()` looks for the write
        (its response may have been lost after GitHub stored it) and returns it if found."""
        first = True

        def once() -> T:
            nonlocal first
            if not first:
                found = landed()
                if found is not None:
                    logger.info("%s: the earlier attempt had landed; not sending it again", what)
                    return found
            first = False
            return operation()

        return self.call(what, once)
