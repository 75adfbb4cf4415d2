"""Least privilege for the tools pr-review starts: no token or key of ours reaches Semgrep, git or
the container engine, and the bundled rule pack is never taken from a shared cache.

The real Semgrep's environment is read from /proc while `pr-review scan` runs it; git and the
container engine are wrappers on PATH that record theirs.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import threading
import uuid
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from conftest import GitRepo

from pr_review.cli import main
from pr_review.rulepack import RULES_DIR, iter_rule_files

pytestmark = pytest.mark.slow

SQLI = """from flask import request


def search(conn):
    customer = request.args.get("customer", "")
    return conn.execute("SELECT id FROM invoices WHERE customer = '" + customer + "'").fetchall()
"""

CANARIES = {
    "GITHUB_TOKEN": "ghs_canaryGitHubToken0123456789",
    "ANTHROPIC_API_KEY": "sk-ant-canary-0123456789",
    "PR_REVIEW_AUDIT_KEY": "canary-audit-key-0123456789",
    "SEMGREP_APP_TOKEN": "canary-semgrep-token-0123456789",
    "AWS_SECRET_ACCESS_KEY": "canary-aws-secret-0123456789",
    "SOME_OTHER_SECRET": "canary-other-0123456789",
}
NO_CLAUDE = "claude:\n  enabled: false\n"


class ProcessWatcher:
    """Reads /proc/<pid>/environ of every process whose command line contains `marker`."""

    def __init__(self, marker: str) -> None:
        self.marker = marker.encode()
        self.environments: dict[int, dict[str, str]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> ProcessWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.is_set():
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit() or int(entry.name) in self.environments:
                    continue
                try:
                    if self.marker in (entry / "cmdline").read_bytes():
                        raw = (entry / "environ").read_bytes()
                        pairs = (item.partition(b"=") for item in raw.split(b"\0") if item)
                        self.environments[int(entry.name)] = {k.decode(): v.decode() for k, _, v in pairs}
                except OSError:
                    continue  # the process ended meanwhile
            self._stop.wait(0.005)


def _recording_wrapper(bin_dir: Path, name: str, log_dir: Path, then: str) -> None:
    bin_dir.mkdir(exist_ok=True)
    log_dir.mkdir(exist_ok=True)
    script = bin_dir / name
    script.write_text(f'#!/bin/sh\nenv > "{log_dir}/{name}.$$"\n{then}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def _recorded(log_dir: Path) -> list[dict[str, str]]:
    return [
        dict(line.partition("=")[::2] for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)
        for path in sorted(log_dir.iterdir())
    ]


def _assert_no_secret(environments: list[dict[str, str]]) -> None:
    assert environments
    for environment in environments:
        assert not set(CANARIES) & set(environment), sorted(environment)
        assert not any(value in text for text in environment.values() for value in CANARIES.values())


def _scan(argv: list[str], environ: dict[str, str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv, environ=environ)
    return code, out.getvalue() + err.getvalue()


def test_no_token_reaches_semgrep_or_git(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = repo.commit({"app/__init__.py": ""}, "base")
    repo.commit({"app/search.py": SQLI}, "head")
    # A local rule file with a unique name: it marks the real Semgrep's command line in /proc.
    rules = tmp_path / f"rules-{uuid.uuid4().hex}.yaml"
    rules.write_text(
        "rules:\n  - id: local.eval\n    languages: [python]\n    severity: ERROR\n    message: eval\n"
        "    pattern: eval($X)\n",
        encoding="utf-8",
    )
    config = tmp_path / "pr-review.yml"
    config.write_text(NO_CLAUDE + f"semgrep:\n  config: [bundled, {rules}]\n", encoding="utf-8")
    git = shutil.which("git")
    assert git is not None
    _recording_wrapper(tmp_path / "bin", "git", tmp_path / "git-env", f'exec "{git}" "$@"')
    for name, value in CANARIES.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    environ = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0"}

    with ProcessWatcher(str(rules)) as semgrep:
        code, output = _scan(
            ["scan", str(repo.path), "--base", base, "--config", str(config), "--format", "json"], environ
        )

    assert code == 0, output
    report: dict[str, Any] = json.loads(output[: output.rindex("}") + 1])
    assert any("CWE-89" in f["cwe"] for f in report["findings"])  # Semgrep ran with what it needs
    _assert_no_secret(list(semgrep.environments.values()))
    for environment in semgrep.environments.values():
        assert environment["PATH"].startswith(environ["PATH"])  # (semgrep adds its own folder after it)
        assert environment["HOME"] != environ["HOME"]  # a private home: no ~/.semgrep login token
    _assert_no_secret(_recorded(tmp_path / "git-env"))


def test_no_token_reaches_the_container_engine(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = repo.commit({"README.md": "service\n"}, "base")
    repo.commit({"notes.txt": "a change\n"}, "head")
    config = tmp_path / "pr-review.yml"
    config.write_text(NO_CLAUDE + "semgrep:\n  enabled: false\n", encoding="utf-8")
    _recording_wrapper(tmp_path / "bin", "docker", tmp_path / "docker-env", "exit 0")
    for name, value in CANARIES.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DOCKER_HOST", "unix:///run/user/1000/docker.sock")

    argv = ["scan", str(repo.path), "--base", base, "--config", str(config), "--zap-target", "http://127.0.0.1:9/"]
    _scan(argv, dict(os.environ))

    recorded = _recorded(tmp_path / "docker-env")
    assert len(recorded) == 2  # `docker info`, then `docker run`
    _assert_no_secret(recorded)
    assert all(e["DOCKER_HOST"] == "unix:///run/user/1000/docker.sock" for e in recorded)


def _old_cache_name() -> str:
    """Where pr-review used to look for the merged pack, trusting whatever it found there."""
    digest = hashlib.sha256()
    for path in iter_rule_files(RULES_DIR):
        digest.update(path.relative_to(RULES_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"pr-review-rules-{digest.hexdigest()[:20]}.json"


def test_a_rule_pack_planted_in_the_cache_is_not_used(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    cache = home / ".cache" / "pr-review"
    cache.mkdir(parents=True)
    planted = cache / _old_cache_name()
    planted.write_text('{"rules": []}', encoding="utf-8")  # an empty pack: Semgrep would find nothing
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    base = repo.commit({"app/__init__.py": ""}, "base")
    repo.commit({"app/search.py": SQLI}, "head")
    config = tmp_path / "pr-review.yml"
    config.write_text(NO_CLAUDE, encoding="utf-8")

    code, output = _scan(
        ["scan", str(repo.path), "--base", base, "--config", str(config), "--format", "json"], dict(os.environ)
    )

    assert code == 0, output
    report: dict[str, Any] = json.loads(output[: output.rindex("}") + 1])
    assert any("CWE-89" in f["cwe"] and "semgrep" in f["sources"] for f in report["findings"])
    assert [p.name for p in cache.iterdir()] == [planted.name]  # nothing written to, or read from, there
