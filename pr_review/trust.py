"""Trust boundaries: what configures a review is read from the base commit, never the PR head.

A pull request is attacker-controlled, and that includes the files that configure its review. The
configuration (.github/pr-review.yml), local Semgrep rule files and the organisation's custom
instructions are taken as they are at the base commit; the bundled rules and the system prompt
come from the installed package. A `--config` on the command line (set by the workflow, which the
maintainers control) still wins. Changes the PR makes to any of these are reported by the
review-integrity analyzer (analyzers/integrity.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Protocol

from pr_review.analyzers.integrity import ACTION_FILES, mentions_pr_review
from pr_review.config import BUNDLED_RULES, Config
from pr_review.errors import ConfigError, ToolError
from pr_review.gather.local_git import git, read_blobs

logger = logging.getLogger(__name__)

_REGISTRY_PREFIXES = ("p/", "r/", "s/")
_RULE_SUFFIXES = (".yml", ".yaml", ".json")


class BaseTree(Protocol):
    """Files of the base commit."""

    def read(self, path: str) -> bytes | None: ...

    def list_files(self, directory: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class GitBaseTree:
    repo: Path
    commit: str

    def read(self, path: str) -> bytes | None:
        """A file's content; None for a missing path or a directory (`git show` would list it)."""
        try:
            return read_blobs(self.repo, self.commit, [path]).get(path)
        except ToolError:
            return None

    def list_files(self, directory: str) -> list[str]:
        try:
            out = git(self.repo, "ls-tree", "-r", "-z", "--name-only", self.commit, "--", directory)
        except ToolError:
            return []
        return [p for p in out.decode("utf-8", errors="replace").split("\0") if p]


@dataclass(frozen=True, slots=True)
class FallbackBaseTree:
    """The first tree that has the file: git in the workspace, then the contents API."""

    trees: tuple[BaseTree, ...]

    def read(self, path: str) -> bytes | None:
        return next((data for tree in self.trees if (data := tree.read(path)) is not None), None)

    def list_files(self, directory: str) -> list[str]:
        return next((files for tree in self.trees if (files := tree.list_files(directory))), [])


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


def pin_to_base(config: Config, base: BaseTree, into: Path) -> PinnedInputs:
    """Copy the base versions of local rule files (Semgrep rules, the ZAP rules file) under `into`
    and point the config at them."""
    entries: list[str] = []
    rule_paths: list[str] = []
    for entry in config.semgrep.config:
        if not is_local_rule_entry(entry) or Path(entry).is_absolute():
            entries.append(entry)  # bundled, a registry pack, or an absolute path given by the workflow
            continue
        relative = _safe(entry)
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
    if zap.rules_file and not Path(zap.rules_file).is_absolute():
        relative = _safe(zap.rules_file)
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


def protected_paths(
    pinned: PinnedInputs, config: Config, config_file: Path | None, root: Path | None
) -> frozenset[str]:
    """Repository paths that configure this review: a change to any of them is a finding."""
    paths = {*pinned.rule_paths, *pinned.action_dirs}
    if config.claude.instructions:
        paths.add(_safe(config.claude.instructions))
    # A config outside the repository cannot be changed by a pull request.
    if config_file is not None and root is not None and config_file.resolve().is_relative_to(root.resolve()):
        paths.add(config_file.resolve().relative_to(root.resolve()).as_posix())
    return frozenset(paths)
