"""The one error hierarchy. Each error carries the exit code the CLI returns for it."""

from __future__ import annotations

import enum
from typing import ClassVar


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1  # completed, with findings at or above fail_on
    USAGE = 2  # bad command line or configuration
    RUNTIME = 3  # the review could not complete


class PrReviewError(Exception):
    exit_code: ClassVar[ExitCode] = ExitCode.RUNTIME

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class UsageError(PrReviewError):
    exit_code = ExitCode.USAGE


class ConfigError(UsageError):
    """The configuration file is unreadable or violates schemas/config.schema.json."""


class GitError(UsageError):
    """Not a repository, unknown ref: the user pointed us at something that is not there."""


class ToolError(PrReviewError):
    """An external tool (git, semgrep) failed, timed out or was missing."""

    def __init__(self, message: str, *, hint: str = "", stderr_tail: str = "") -> None:
        super().__init__(message, hint=hint)
        self.stderr_tail = stderr_tail


class ToolTimeout(ToolError):
    """An external tool ran past its time limit and was stopped."""


class ReviewIncomplete(PrReviewError):
    """No analyzer could run, or a fail-closed analyzer failed."""


class SchemaViolation(PrReviewError):
    """We were about to write a document that breaks its own schema: a bug, never silent."""
