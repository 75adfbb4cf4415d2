"""The Messages API client for the configured provider, and the one retry layer (tenacity).

The SDK's own retries are off (`max_retries=0`): 429, 529, 5xx, timeouts and connection errors
are retried here with exponential backoff and jitter, honouring `retry-after(-ms)`, bounded in
attempts and total time. 400/401/403/404 are not retried. Bedrock and Vertex clients are imported
lazily, behind the `bedrock` and `vertex` extras.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_before_delay
from tenacity.wait import wait_random_exponential

from pr_review.config import ClaudeSettings
from pr_review.errors import PrReviewError

if TYPE_CHECKING:  # the SDK takes ~1 s to import: only a run that calls Claude pays for it
    import anthropic
    from anthropic.types import Message


logger = logging.getLogger(__name__)

PROVIDER_NAMES = {"anthropic": "Anthropic API", "bedrock": "Amazon Bedrock", "vertex": "Google Vertex AI"}
_AWS_CREDENTIALS = (
    "AWS_ACCESS_KEY_ID",
    "AWS_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_BEARER_TOKEN_BEDROCK",
)
_VERTEX_PROJECT = ("ANTHROPIC_VERTEX_PROJECT_ID", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT")
_RETRYABLE_STATUS = frozenset({408, 409, 429})
_MAX_HEADER_WAIT_S = 120.0


@dataclass(frozen=True, slots=True)
class Unavailable:
    """The provider cannot be used in this environment: skipped (no credentials) or failed."""

    reason: str
    failed: bool = False  # True: a setup problem the user must fix (missing extra)


class ClaudeCallError(PrReviewError):
    """A request that finally failed, with a message a user can act on."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def _first(environ: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    return next((environ[n] for n in names if environ.get(n)), None)


def _missing_extra(extra: str, module: str) -> Unavailable | None:
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if found:
        return None
    return Unavailable(
        f"claude.provider is {extra} but its client is not installed: install pr-review-sentinel[{extra}]",
        failed=True,
    )


def make_client(
    settings: ClaudeSettings, api_key: str | None, environ: Mapping[str, str]
) -> anthropic.Anthropic | anthropic.AnthropicBedrock | anthropic.AnthropicVertex | Unavailable:
    base_url = settings.base_url or environ.get("ANTHROPIC_BASE_URL") or None
    common: dict[str, Any] = {"base_url": base_url, "max_retries": 0, "timeout": settings.timeout_s}
    match settings.provider:
        case "anthropic":
            if not api_key:
                return Unavailable("no API key (ANTHROPIC_API_KEY is not set)")
            import anthropic  # deferred: a skipped analyzer never pays for the SDK

            return anthropic.Anthropic(api_key=api_key, **common)
        case "bedrock":
            if (missing := _missing_extra("bedrock", "boto3")) is not None:
                return missing
            if not _first(environ, _AWS_CREDENTIALS):
                return Unavailable("no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_PROFILE, ...)")
            region = settings.region or _first(environ, ("AWS_REGION", "AWS_DEFAULT_REGION"))
            if not region:
                return Unavailable("no AWS region: set claude.region or AWS_REGION")
            import anthropic  # deferred (see above)

            return anthropic.AnthropicBedrock(aws_region=region, **common)
        case "vertex":
            if (missing := _missing_extra("vertex", "google.auth")) is not None:
                return missing
            project = _first(environ, _VERTEX_PROJECT)
            region = settings.region or environ.get("CLOUD_ML_REGION")
            if not project or not region:
                return Unavailable(
                    "no Google Cloud project or region: set ANTHROPIC_VERTEX_PROJECT_ID and claude.region"
                )
            import anthropic  # deferred (see above)

            return anthropic.AnthropicVertex(region=region, project_id=project, **common)
        case other:
            return Unavailable(f"unknown claude.provider {other!r}", failed=True)


def provider_region(settings: ClaudeSettings, environ: Mapping[str, str]) -> str:
    match settings.provider:
        case "bedrock":
            return settings.region or _first(environ, ("AWS_REGION", "AWS_DEFAULT_REGION")) or ""
        case "vertex":
            return settings.region or environ.get("CLOUD_ML_REGION", "")
        case _:
            return settings.region or ""


def retryable(exc: BaseException) -> bool:
    import anthropic  # deferred (see above)

    if isinstance(exc, anthropic.APIStatusError):
        return exc.status_code in _RETRYABLE_STATUS or exc.status_code >= 500
    return isinstance(exc, anthropic.APIConnectionError)  # includes APITimeoutError


def retry_after_s(exc: BaseException | None) -> float | None:
    """The server's requested wait, from `retry-after-ms` or `retry-after` (seconds)."""
    import anthropic  # deferred (see above)

    if not isinstance(exc, anthropic.APIStatusError):
        return None
    headers = exc.response.headers
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            continue  # an HTTP date: fall back to backoff
        if 0 <= seconds <= _MAX_HEADER_WAIT_S:
            return seconds
    return None


class _Wait:
    """retry-after when the server says so, else exponential backoff with full jitter."""

    def __init__(self, base_s: float, max_s: float) -> None:
        self._backoff = wait_random_exponential(multiplier=base_s, max=max_s)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        header = retry_after_s(exc)
        return header if header is not None else float(self._backoff(state))


def describe(exc: BaseException, provider: str, attempts: int, elapsed_s: float, timeout_s: float) -> str:
    import anthropic  # deferred (see above)

    name = PROVIDER_NAMES.get(provider, provider)
    tried = f" after {attempts} attempt{'s' if attempts != 1 else ''} over {elapsed_s:.0f} s" if attempts > 1 else ""
    if isinstance(exc, anthropic.APITimeoutError):
        return f"{name} request timed out (claude.timeout_s = {timeout_s:g} s){tried}"
    if isinstance(exc, anthropic.APIConnectionError):
        return f"cannot connect to the {name}{tried}: check claude.base_url / ANTHROPIC_BASE_URL and the network"
    if isinstance(exc, anthropic.APIStatusError):
        status = exc.status_code
        said = f": {exc.api_message}" if getattr(exc, "api_message", None) else ""
        match status:
            case 529:
                return f"{name} overloaded (529){tried}"
            case 429:
                return f"{name} rate limit reached (429){tried}"
            case 401:
                return f"{name} rejected the credentials (401){said}: check ANTHROPIC_API_KEY"
            case 403:
                return f"{name} denied access (403){said}: check the key's permissions and the model"
            case 404:
                return f"{name} returned 404{said}: check claude.model and claude.base_url"
            case 400:
                return f"{name} rejected the request (400){said}"
            case _:
                return f"{name} error ({status}){said}{tried}"
    return f"{name} call failed: {type(exc).__name__}: {exc}"


def create_message(
    send: Callable[..., Message],
    kwargs: dict[str, Any],
    settings: ClaudeSettings,
    *,
    backoff_base_s: float = 1.0,
    backoff_max_s: float = 60.0,
) -> Message:
    """One request with retries; ClaudeCallError with a readable reason when it finally fails."""
    import anthropic  # deferred (see above)

    started = time.monotonic()
    attempts = 0
    retrying = Retrying(
        stop=stop_after_attempt(settings.max_attempts) | stop_before_delay(settings.max_retry_s),
        wait=_Wait(backoff_base_s, backoff_max_s),
        retry=retry_if_exception(retryable),
        reraise=True,
    )
    try:
        for attempt in retrying:
            with attempt:
                attempts += 1
                if attempts > 1:
                    logger.info("retrying the Claude request (attempt %d)", attempts)
                return send(timeout=settings.timeout_s, **kwargs)
    except anthropic.APIError as exc:
        elapsed = time.monotonic() - started
        status = exc.status_code if isinstance(exc, anthropic.APIStatusError) else None
        message = describe(exc, settings.provider, attempts, elapsed, settings.timeout_s)
        raise ClaudeCallError(message, status) from exc
    raise AssertionError("unreachable: tenacity either returns or re-raises")  # pragma: no cover
