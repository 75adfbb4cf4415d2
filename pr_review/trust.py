"""Trust boundaries: what configures a review is read from the base commit, never the PR head.

A pull request is attacker-controlled, and that includes the files that configure its review. The
configuration (.github/pr-review.yml), local Semgrep rule files and the organisation's custom
instructions are taken as they are at the base commit; the bundled rules and the system prompt
come from the installed package. A `--config` on the command line (set by the workflow, which the
maintainers control) replaces the default file: read at the base too when it lies in the checkout,
from disk only when it lies outside. Changes the PR makes to any of these are reported by the
review-integrity analyzer (analyzers/integrity.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Protocol, TypeVar

from pr_review.analyzers.integrity import ACTION_FILES, mentions_pr_review
from pr_review.config import BUNDLED_RULES, Config
from pr_review.config_loader import load_base_config, load_config_file, load_config_text
from pr_review.errors import ConfigError, ReviewIncomplete, ToolError
from pr_review.gather.local_git import git, has_commit, read_blobs

logger = logging.getLogger(__name__)

T = TypeVar("T")

_REGISTRY_PREFIXES = ("p/", "r/", "s/")
_RULE_SUFFIXES = (".yml", ".yaml", ".json")


class BaseTree(Protocol):
    """Files of the base commit. `read` answers None only when the path is definitely absent (or
    not a file); a source that cannot tell raises `BaseUnavailable`."""

    def read(self, path: str) -> bytes | None: ...

    def list_files(self, directory: str) -> list[str]: ...


class BaseUnavailable(ReviewIncomplete):
    """A review input could not be read at the base commit: the review must not go on with defaults."""


@dataclass(frozen=True, slots=True)
class GitBaseTree:
    repo: Path
    commit: str

    def _require_commit(self, path: str) -> None:
        if not has_commit(self.repo, self.commit):
            raise BaseUnavailable(f"cannot read {path} at base commit {self.commit}: the commit is not in {self.repo}")

    def read(self, path: str) -> bytes | None:
        """A file's content; None for a path absent at the commit or a directory."""
        self._require_commit(path)
        try:
            return read_blobs(self.repo, self.commit, [path]).get(path)
        except ToolError as exc:
            raise BaseUnavailable(f"cannot read {path} at base commit {self.commit}: {exc}") from exc

    def list_files(self, directory: str) -> list[str]:
        self._require_commit(directory)
        try:
            out = git(self.repo, "ls-tree", "-r", "-z", "--name-only", self.commit, "--", directory)
        except ToolError as exc:
            raise BaseUnavailable(f"cannot list {directory} at base commit {self.commit}: {exc}") from exc
        return [p for p in out.decode("utf-8", errors="replace").split("\0") if p]


@dataclass(frozen=True, slots=True)
class FallbackBaseTree:
    """The first source that can answer: git in the workspace, then the contents API. A source
    that cannot answer (the commit is absent from a shallow clone, git failed) passes to the next;
    when the last cannot either, the review stops."""

    trees: tuple[BaseTree, ...]

    def read(self, path: str) -> bytes | None:
        return self._first(lambda tree: tree.read(path))

    def list_files(self, directory: str) -> list[str]:
        return self._first(lambda tree: tree.list_files(directory))

    def _first(self, ask: Callable[[BaseTree], T]) -> T:
        *earlier, last = self.trees
        for tree in earlier:
            try:
                return ask(tree)
            except BaseUnavailable as exc:
                logger.info("%s; trying the next source", exc)
        return ask(last)


@dataclass(frozen=True, slots=True)
class CallableBaseTree:
    """A base tree from plain functions (the GitHub contents API)."""

    reader: Callable[[str], bytes | None]
    lister: Callable[[str], list[str]]

    def read(self, path: str) -> bytes | None:
        return self.reader(path)

    def list_files(self, directory: str) -> list[str]:
        return self.lister(directory)


def is_local_rule_entry(entry: str) -> bool:
    return entry != BUNDLED_RULES and not entry.startswith(_REGISTRY_PREFIXES)


def _safe(path: str) -> str:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts:
        raise ConfigError(f"semgrep.config entry {path!r} must be a path inside the repository")
    return pure.as_posix().removeprefix("./")


@dataclass(frozen=True, slots=True)
class PinnedInputs:
    config: Config
    instructions: str | None  # the organisation's review guidance, as it is at the base
    rule_paths: tuple[str, ...]  # repository paths of the local rule files the review uses (Semgrep, ZAP)
    action_dirs: tuple[str, ...] = ()  # "dir/" of each local action under .github/ that runs pr-review


def review_action_dirs(base: BaseTree) -> tuple[str, ...]:
    """Folders of the local actions (.github/**/action.yml) that wrap pr-review at the base: every
    file in them configures the review."""
    actions = [PurePosixPath(p) for p in base.list_files(".github") if PurePosixPath(p).name in ACTION_FILES]
    return tuple(
        sorted(
            {
                f"{action.parent.as_posix()}/"
                for action in actions
                if mentions_pr_review((base.read(action.as_posix()) or b"").decode("utf-8", errors="replace"))
            }
        )
    )


def _repository_path(entry: str, checkout: Path | None) -> str | None:
    """The repository path a rule entry names: a relative entry, or an absolute one inside the
    checkout (which holds the PR's version); None for an absolute path outside the checkout."""
    if not Path(entry).is_absolute():
        return _safe(entry)
    return path_in_checkout(Path(entry), checkout) if checkout is not None else None


def pin_to_base(config: Config, base: BaseTree, into: Path, checkout: Path | None = None) -> PinnedInputs:
    """Copy the base versions of local rule files (Semgrep rules, the ZAP rules file) under `into`
    and point the config at them."""
    entries: list[str] = []
    rule_paths: list[str] = []
    for entry in config.semgrep.config:
        relative = _repository_path(entry, checkout) if is_local_rule_entry(entry) else None
        if relative is None:
            entries.append(entry)  # bundled, a registry pack, or a path outside the checkout given by the workflow
            continue
        data = base.read(relative)
        files = [relative] if data is not None else [p for p in base.list_files(relative) if p.endswith(_RULE_SUFFIXES)]
        if not files:
            raise ConfigError(
                f"semgrep.config: {entry!r} does not exist at the base commit",
                hint="rules are read from the base commit; add them in a pull request of their own first",
            )
        target_root = into / "base-rules"
        for path in files:
            content = data if data is not None else base.read(path)
            if content is None:
                continue
            target = target_root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            rule_paths.append(path)
        entries.append(str(target_root / relative))
    instructions = None
    if config.claude.instructions:
        data = base.read(_safe(config.claude.instructions))
        if data is None:
            raise ConfigError(f"claude.instructions: {config.claude.instructions!r} does not exist at the base commit")
        instructions = data.decode("utf-8", errors="replace")
    zap = config.zap
    relative = _repository_path(zap.rules_file, checkout) if zap.rules_file else None
    if relative is not None:
        data = base.read(relative)
        if data is None:
            raise ConfigError(f"zap.rules_file: {zap.rules_file!r} does not exist at the base commit")
        target = into / "base-zap" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        zap = replace(zap, rules_file=str(target))
        rule_paths.append(relative)
    pinned = replace(config, semgrep=replace(config.semgrep, config=tuple(entries)), zap=zap)
    return PinnedInputs(pinned, instructions, tuple(rule_paths), review_action_dirs(base))


@dataclass(frozen=True, slots=True)
class DirectoryTree:
    """A plain directory standing in for the base: a bare diff has no base commit, and its rules
    and instructions are the local user's own files."""

    root: Path

    def read(self, path: str) -> bytes | None:
        target = self.root / path
        return target.read_bytes() if target.is_file() else None

    def list_files(self, directory: str) -> list[str]:
        folder = self.root / directory
        if not folder.is_dir():
            return []
        return sorted(p.relative_to(self.root).as_posix() for p in folder.rglob("*") if p.is_file())


def path_in_checkout(file: Path, checkout: Path) -> str | None:
    """The repository path of `file` when it lies in the checkout, as written or once symlinks are
    resolved (either way the pull request can put content there); None when it is outside."""
    for candidate, root in (
        (Path(os.path.abspath(file)), Path(os.path.abspath(checkout))),
        (file.resolve(), checkout.resolve()),
    ):
        if candidate.is_relative_to(root) and candidate != root:
            return candidate.relative_to(root).as_posix()
    return None


def load_review_config(config_file: Path | None, checkout: Path | None, base: BaseTree, base_sha: str) -> Config:
    """The configuration a review runs under. The default file, and a `--config` inside the
    checkout, are read as they are at the base commit: the checkout holds the pull request's
    version, which the PR author wrote. Only a file outside the checkout is read from disk."""
    if config_file is None:
        return load_base_config(base.read, base_sha)
    inside = path_in_checkout(config_file, checkout) if checkout is not None else None
    if inside is None:
        config = load_config_file(config_file)
        return replace(config, source=f"{config_file} (outside the checkout)")
    data = base.read(inside)
    if data is None:
        raise ConfigError(
            f"--config {config_file}: {inside} does not exist at the base commit {base_sha[:12]}",
            hint="a configuration inside the repository is read as it is at the base commit: add it in a pull "
            "request of its own first, or pass a file outside the checkout",
        )
    return load_config_text(data.decode("utf-8", errors="replace"), f"{inside} (at base {base_sha[:12]})")


def protected_paths(
    pinned: PinnedInputs, config: Config, config_file: Path | None, root: Path | None
) -> frozenset[str]:
    """Repository paths that configure this review: a change to any of them is a finding."""
    paths = {*pinned.rule_paths, *pinned.action_dirs}
    if config.claude.instructions:
        paths.add(_safe(config.claude.instructions))
    # A config outside the repository cannot be changed by a pull request.
    inside = path_in_checkout(config_file, root) if config_file is not None and root is not None else None
    if inside is not None:
        paths.add(inside)
    return frozenset(paths)
