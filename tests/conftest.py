"""Shared fixtures. Tests reach only loopback (pytest-socket, see pyproject addopts)."""

from __future__ import annotations

import io
import json
import os
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from fakes import FakeAnthropic, FakeGitHub
    from github_scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLE_DIR = ROOT / "examples" / "payments-service"
EXAMPLE_DIFF = ROOT / "examples" / "payments-service.diff"

# Semgrep's version check waits ~100 s on an unreachable network.
os.environ.setdefault("SEMGREP_ENABLE_VERSION_CHECK", "0")
os.environ.setdefault("SEMGREP_SEND_METRICS", "off")


@dataclass(frozen=True)
class Run:
    """What one in-process `pr-review` call returned and printed."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_main(argv: Sequence[str], environ: Mapping[str, str]) -> Run:
    """main() in-process with its output captured; usable from module-scoped fixtures (capsys is per test)."""
    from pr_review.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv), environ=dict(environ))
    return Run(code, out.getvalue(), err.getvalue())


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
    }
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env=env, check=True)
    return result.stdout.decode().strip()


class GitRepo:
    """A throwaway repository: write files, commit, branch."""

    def __init__(self, path: Path) -> None:
        self.path = path
        _git(path, "init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        return _git(self.path, *args)

    def write(self, files: Mapping[str, str | bytes]) -> None:
        for name, content in files.items():
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")

    def commit(self, files: Mapping[str, str | bytes] | None = None, message: str = "change") -> str:
        if files:
            self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[], GitRepo]:
    counter = iter(range(1000))

    def make() -> GitRepo:
        path = tmp_path / f"repo{next(counter)}"
        path.mkdir()
        return GitRepo(path)

    return make


@pytest.fixture
def repo(make_repo: Callable[[], GitRepo]) -> GitRepo:
    return make_repo()


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    """A loopback GitHub that must see no request it cannot serve (a module may use `fake` for
    another fake: its own fixture wins)."""
    from fakes import fake_github_server

    with fake_github_server() as server:
        yield server
        assert server.errors == []


@pytest.fixture
def claude() -> Iterator[FakeAnthropic]:
    """A loopback Messages API that must see no request it cannot serve (a module's own `claude`
    fixture wins)."""
    from fakes import fake_anthropic_server

    with fake_anthropic_server() as server:
        yield server
        assert server.errors == []


@pytest.fixture
def scenario(fake: FakeGitHub, repo: GitRepo, tmp_path: Path) -> Scenario:
    """Pull request #7 of the bundled example change, served by `fake`."""
    from github_scenario import build_scenario

    return build_scenario(fake, repo, tmp_path)
