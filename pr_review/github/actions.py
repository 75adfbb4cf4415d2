"""The GitHub Actions environment: what `pr-review run` reads, and the files it writes back."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pr_review.errors import UsageError
from pr_review.progress import escape_data, escape_property

DEFAULT_API_URL = "https://api.github.com"


@dataclass(frozen=True, slots=True)
class ActionsEnvironment:
    repository: str
    api_url: str
    token: str | None = field(repr=False)
    event_name: str
    event_path: Path | None
    workspace: Path
    actor: str
    run_id: str
    run_attempt: str
    step_summary: Path | None
    output: Path | None
    anthropic_api_key: str | None = field(repr=False)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> ActionsEnvironment:
        def path(name: str) -> Path | None:
            value = environ.get(name, "")
            return Path(value) if value else None

        return cls(
            repository=environ.get("GITHUB_REPOSITORY", ""),
            api_url=(environ.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/"),
            token=environ.get("GITHUB_TOKEN") or None,
            event_name=environ.get("GITHUB_EVENT_NAME", ""),
            event_path=path("GITHUB_EVENT_PATH"),
            workspace=path("GITHUB_WORKSPACE") or Path.cwd(),
            actor=environ.get("GITHUB_ACTOR", "") or "unknown",
            run_id=environ.get("GITHUB_RUN_ID", ""),
            run_attempt=environ.get("GITHUB_RUN_ATTEMPT", ""),
            step_summary=path("GITHUB_STEP_SUMMARY"),
            output=path("GITHUB_OUTPUT"),
            anthropic_api_key=environ.get("ANTHROPIC_API_KEY") or None,
        )

    def require_repository(self) -> tuple[str, str]:
        owner, _, name = self.repository.partition("/")
        if not owner or not name:
            raise UsageError(
                "GITHUB_REPOSITORY is not set (expected owner/name)",
                hint="`pr-review run` is meant for GitHub Actions; use `pr-review scan` locally",
            )
        return owner, name


@dataclass(frozen=True, slots=True)
class PullRequestEvent:
    number: int
    head_sha: str
    base_sha: str
    head_ref: str
    base_ref: str
    author: str


def event_payload(environment: ActionsEnvironment, *, hint: str) -> Any:
    """The JSON payload of the event the workflow runs for (GITHUB_EVENT_PATH); `hint` says what
    the command needs when there is none."""
    if environment.event_path is None or not environment.event_path.is_file():
        raise UsageError("GITHUB_EVENT_PATH is not set or not a file", hint=hint)
    try:
        return json.loads(environment.event_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the event payload {environment.event_path}: {exc}") from exc


def read_event(environment: ActionsEnvironment) -> PullRequestEvent:
    """The pull request the workflow runs for, from GITHUB_EVENT_PATH."""
    hint = "`pr-review run` needs a pull_request or pull_request_target event"
    payload = event_payload(environment, hint=hint)
    pull = payload.get("pull_request") if isinstance(payload, dict) else None
    if not isinstance(pull, dict):
        event = environment.event_name or "this event"
        raise UsageError(
            f"{event} carries no pull request",
            hint="trigger the workflow on pull_request (or pull_request_target), or use `pr-review scan`",
        )
    try:
        head, base = pull["head"], pull["base"]
        return PullRequestEvent(
            number=int(pull["number"]),
            head_sha=str(head["sha"]),
            base_sha=str(base["sha"]),
            head_ref=str(head.get("ref", "")),
            base_ref=str(base.get("ref", "")),
            author=str((pull.get("user") or {}).get("login", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"the event payload's pull_request is missing {exc}") from exc


def write_outputs(path: Path | None, values: Mapping[str, str]) -> None:
    """Step outputs in GITHUB_OUTPUT's heredoc form: a value cannot inject another output."""
    if path is None:
        return
    with path.open("a", encoding="utf-8") as stream:
        for key, value in values.items():
            delimiter = f"ghadelimiter_{secrets.token_hex(8)}"
            stream.write(f"{key}<<{delimiter}\n{value}\n{delimiter}\n")


def append_step_summary(path: Path | None, markdown: str) -> None:
    if path is None:
        return
    with path.open("a", encoding="utf-8") as stream:
        stream.write(markdown if markdown.endswith("\n") else markdown + "\n")


def publish_audit_head(environment: ActionsEnvironment, log: Path, head: str) -> None:
    """The audit trail's chain head outside the file: the `audit-head` step output and a line of the
    job summary, for `pr-review audit verify FILE --expect-head HEX`."""
    write_outputs(environment.output, {"audit-head": head})
    append_step_summary(
        environment.step_summary,
        f"\n<sub>Audit trail `{log.name}` ends at chain head `{head}`: check a copy with "
        f"`pr-review audit verify {log.name} --expect-head {head}`.</sub>",
    )


def annotation(level: str, message: str, *, file: str | None = None, line: int | None = None, title: str = "") -> str:
    """A `::error file=…,line=…::message` workflow command with every value escaped."""
    properties = []
    if file:
        properties.append(f"file={escape_property(file)}")
    if line:
        properties.append(f"line={line}")
    if title:
        properties.append(f"title={escape_property(title)}")
    joined = " " + ",".join(properties) if properties else ""
    return f"::{level}{joined}::{escape_data(message)}"
