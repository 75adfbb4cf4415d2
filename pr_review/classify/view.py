"""ModelView: the only input a model-backed analyzer gets. Built from the scope by the data policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pr_review.gather.change import PullRequestMeta
from pr_review.gather.diff import ChangedFile
from pr_review.scope import NotReviewed, Scope


@dataclass(frozen=True, slots=True)
class Redaction:
    path: str  # "" for PR metadata (title, body, commit messages)
    line: int
    data_class: str  # e.g. "secret", "personal-data"
    kind: str  # e.g. "aws-access-key", "email"
    placeholder: str  # "[REDACTED:aws-access-key#1]"
    removed: bool = False  # on a line the change removes: `line` is its old-side number


@dataclass(frozen=True, slots=True)
class ModelFile:
    path: str
    text: str  # head content, redacted, same number of lines as the original ("" for a deleted file)
    classes: frozenset[str] = frozenset()  # data classes present in what is sent
    removed: tuple[tuple[int, str], ...] = ()  # (old line number, redacted text) of each removed line


def removed_lines(changed: ChangedFile) -> tuple[tuple[int, str], ...]:
    """The lines the change removes from a file, by old line number, as the diff has them."""
    return tuple(sorted((line.number, line.text) for hunk in changed.hunks for line in hunk.removed))


@dataclass(frozen=True)
class ModelView:
    files: dict[str, ModelFile]  # files a model may see, redacted
    pr: PullRequestMeta  # PR metadata, redacted
    withheld: tuple[NotReviewed, ...] = ()  # blocked by policy: never sent to a model
    redactions: tuple[Redaction, ...] = ()
    anomalies: tuple[str, ...] = field(default=())


# The data policy for a file read after the view was built (the model's lookup tools): the file as
# a model may see it, or why it is withheld. Same detectors, same placeholders as the view.
FilePolicy = Callable[[str, str], "ModelFile | NotReviewed"]


def unclassified_view(scope: Scope) -> ModelView:
    """Everything as it is: only for tests and callers that deliberately skip the data policy."""
    files = {c.path: ModelFile(c.path, scope.text(c.path), removed=removed_lines(c)) for c in scope.files}
    files |= {c.path: ModelFile(c.path, "", removed=removed_lines(c)) for c in scope.deleted}
    return ModelView(files=files, pr=scope.change.pr)
