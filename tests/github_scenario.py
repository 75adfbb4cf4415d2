"""A pull request as the GitHub Action sees it: a real git workspace, a fake GitHub serving the
same PR, an event payload and the Actions environment. Shared by the GitHub-mode tests."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import EXAMPLE_DIR, GitRepo
from fakes import FakeCommit, FakeGitHub, FakePullRequest, files_from_diff

from pr_review.cli import main

BASE_VIEWS = '''"""HTTP handlers of the payments service."""

from flask import Flask, jsonify, request

from app import db

app = Flask(__name__)


@app.route("/invoices/<int:invoice_id>")
def show_invoice(invoice_id):
    conn = db.connect()
    row = db.find_invoice(conn, invoice_id)
    if row is None:
        return jsonify(error="not found"), 404
    return jsonify(id=row[0], customer=row[1], amount=row[2])
'''

FAST_CONFIG = "github:\n  write_interval_s: 0\n"
REVIEWS = r"/repos/octo/app/pulls/7/reviews"
REVIEW_COMMENTS = r"/repos/octo/app/pulls/7/comments"
ISSUE_COMMENTS = r"/repos/octo/app/issues/7/comments"
SUMMARY_MARKER = "<!-- pr-review:summary "  # how the summary's one marker, its last line, starts
_FINGERPRINT = re.compile(r"<!-- pr-review:fingerprint=([0-9a-f]+) -->")


def example_views() -> str:
    return (EXAMPLE_DIR / "app" / "views.py").read_text()


def views_without_sql_injection() -> str:
    """The example's views.py with the search query parameterised (the SQL injection fixed)."""
    fixed = example_views().replace(
        '    query = "SELECT id, customer, amount FROM invoices WHERE customer = \'" + customer + "\'"\n'
        "    rows = conn.execute(query).fetchall()\n",
        '    sql = "SELECT id, customer, amount FROM invoices WHERE customer = ?"\n'
        "    rows = conn.execute(sql, (customer,)).fetchall()\n",
    )
    assert fixed != example_views()
    return fixed


@dataclass
class Scenario:
    fake: FakeGitHub
    repo: GitRepo
    pull: FakePullRequest
    base_sha: str
    head_sha: str
    tmp: Path
    number: int = 7
    extra_env: dict[str, str] = field(default_factory=dict)
    workspace: Path | None = None  # default: the git repository

    def git_diff(self) -> str:
        return (
            self.repo.git(
                "-c", "core.quotePath=false", "diff", "--no-color", "-M", f"{self.base_sha}...{self.head_sha}"
            )
            + "\n"
        )

    def push(self, files: Mapping[str, str], message: str = "Address review") -> str:
        """The author pushes a commit: the workspace and the fake's pull request move to the new head."""
        self.head_sha = self.repo.commit(files, message)
        with self.fake.lock:
            self.pull.files[:] = files_from_diff(self.git_diff())
            self.pull.commits.append(FakeCommit(self.head_sha, message, author=self.pull.user))
            self.pull.head_sha = self.head_sha
        return self.head_sha

    def run(self, *args: str, **env: str) -> int:
        """`pr-review run --out <tmp>/results ARGS` in this Actions environment."""
        return main(["run", "--out", str(self.results), *args], environ=self.environ(**env))

    def publish(self, *args: str, **env: str) -> int:
        """`pr-review publish --results <tmp>/results --out <tmp>/publish ARGS`."""
        argv = ["publish", "--results", str(self.results), "--out", str(self.publish_dir), *args]
        return main(argv, environ=self.environ(**env))

    @property
    def publish_dir(self) -> Path:
        return self.tmp / "publish"

    @property
    def results(self) -> Path:
        return self.tmp / "results"

    def findings(self) -> list[dict[str, Any]]:
        document: dict[str, Any] = json.loads((self.results / "findings.json").read_text(encoding="utf-8"))
        findings: list[dict[str, Any]] = document["findings"]
        return findings

    def fingerprint(self, cwe: str) -> str:
        return next(str(f["fingerprint"]) for f in self.findings() if cwe in f["cwe"])

    def expected_inline(self) -> list[tuple[str, int, str]]:
        """(path, line, fingerprint) of every finding of findings.json, as an inline comment has them."""
        return sorted((f["location"]["path"], f["location"]["end_line"], f["fingerprint"]) for f in self.findings())

    def counts_line(self) -> str:
        """The summary's bold count line, e.g. `**2 critical, 4 high**`, from findings.json."""
        severities = [f["severity"] for f in self.findings()]
        order = ("critical", "high", "medium", "low", "info")
        return "**" + ", ".join(f"{severities.count(s)} {s}" for s in order if s in severities) + "**"

    def summaries(self) -> list[dict[str, Any]]:
        return [c for c in self.fake.issue_comments(self.number) if SUMMARY_MARKER in c["body"]]

    def workflow_run_event_path(self, *, fork: str | None = None, head_sha: str | None = None) -> Path:
        """The event of a `workflow_run` job triggered by this pull request's workflow. `fork`: the
        owner of the fork the pull request comes from, for which GitHub lists no `pull_requests`."""
        path = self.tmp / "workflow-run-event.json"
        payload = {
            "action": "completed",
            "workflow_run": {
                "event": "pull_request",
                "head_sha": head_sha or self.head_sha,
                "head_branch": self.pull.head_ref,
                "head_repository": {"full_name": f"{fork or 'octo'}/app", "owner": {"login": fork or "octo"}},
                "conclusion": "success",
                "pull_requests": []
                if fork
                else [
                    {
                        "number": self.number,
                        "head": {"sha": self.head_sha},
                        "base": {"sha": self.base_sha, "repo": {"url": f"{self.fake.url}/repos/octo/app"}},
                    }
                ],
            },
        }
        path.write_text(json.dumps(payload), encoding="utf-8")
        return path

    @property
    def summary_path(self) -> Path:
        return self.tmp / "step-summary.md"

    @property
    def output_path(self) -> Path:
        return self.tmp / "github-output.txt"

    def event_path(self) -> Path:
        path = self.tmp / "event.json"
        payload = {
            "action": "synchronize",
            "number": self.number,
            "pull_request": {
                "number": self.number,
                "title": self.pull.title,
                "user": {"login": self.pull.user},
                "head": {"sha": self.head_sha, "ref": "feature", "repo": {"full_name": "octo/app"}},
                "base": {"sha": self.base_sha, "ref": "main", "repo": {"full_name": "octo/app"}},
            },
        }
        path.write_text(json.dumps(payload), encoding="utf-8")
        return path

    def environ(self, **overrides: str) -> dict[str, str]:
        env = {
            "GITHUB_ACTIONS": "true",
            "GITHUB_REPOSITORY": "octo/app",
            "GITHUB_API_URL": self.fake.url,
            "GITHUB_TOKEN": "t",
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(self.event_path()),
            "GITHUB_WORKSPACE": str(self.workspace or self.repo.path),
            "GITHUB_ACTOR": "octocat",
            "GITHUB_RUN_ID": "1234",
            "GITHUB_RUN_ATTEMPT": "1",
            "GITHUB_STEP_SUMMARY": str(self.summary_path),
            "GITHUB_OUTPUT": str(self.output_path),
            "SEMGREP_ENABLE_VERSION_CHECK": "0",
            "PATH": "/usr/bin:/bin",
        }
        if overrides.get("GITHUB_EVENT_NAME") == "workflow_run" and "GITHUB_EVENT_PATH" not in overrides:
            env["GITHUB_EVENT_PATH"] = str(self.workflow_run_event_path())
        env.update(self.extra_env)
        env.update(overrides)
        return env

    def outputs(self) -> dict[str, str]:
        """GITHUB_OUTPUT's heredoc entries."""
        values: dict[str, str] = {}
        lines = self.output_path.read_text(encoding="utf-8").splitlines() if self.output_path.exists() else []
        index = 0
        while index < len(lines):
            key, _, delimiter = lines[index].partition("<<")
            end = lines.index(delimiter, index + 1)
            values[key] = "\n".join(lines[index + 1 : end])
            index = end + 1
        return values


def build_scenario(
    fake: FakeGitHub,
    repo: GitRepo,
    tmp: Path,
    *,
    base_files: Mapping[str, str] | None = None,
    head_files: Mapping[str, str] | None = None,
    base_config: str | None = FAST_CONFIG,
    head_symlinks: Mapping[str, str] | None = None,
    **pull_attrs: object,
) -> Scenario:
    """Base: the example service before the change (+ config, unless None); head: the bundled example change."""
    base = {
        "app/__init__.py": "",
        "app/db.py": (EXAMPLE_DIR / "app" / "db.py").read_text(),
        "app/views.py": BASE_VIEWS,
        **({".github/pr-review.yml": base_config} if base_config is not None else {}),
        **(base_files or {}),
    }
    base_sha = repo.commit(base, "base")
    head = (
        head_files
        if head_files is not None
        else {
            "app/views.py": (EXAMPLE_DIR / "app" / "views.py").read_text(),
            "app/settings.py": (EXAMPLE_DIR / "app" / "settings.py").read_text(),
        }
    )
    for path, target in (head_symlinks or {}).items():
        (repo.path / path).parent.mkdir(parents=True, exist_ok=True)
        (repo.path / path).symlink_to(target)
    head_sha = repo.commit(head, "Add invoice search, export and import")
    diff = repo.git("-c", "core.quotePath=false", "diff", "--no-color", "-M", f"{base_sha}...{head_sha}") + "\n"
    attrs: dict[str, Any] = {"title": "Add invoice search", "user": "mallory", **pull_attrs}
    pull = fake.add_pull(7, diff=diff, head_sha=head_sha, base_sha=base_sha, **attrs)
    fake.set_contents(base_sha, dict(base))
    return Scenario(fake, repo, pull, base_sha, head_sha, tmp)


@dataclass(frozen=True)
class ReviewedChange:
    """The example change reviewed once by `run --no-post` (Semgrep is the slow part): its
    results directory, to be published to fresh fakes serving the same pull request."""

    repo: GitRepo
    base_sha: str
    head_sha: str
    diff: str
    results: Path

    def serve(self, fake: FakeGitHub, tmp: Path, *, config: str = FAST_CONFIG, **pull_attrs: object) -> Scenario:
        """The same pull request in `fake`, with `config` at its base (read through the contents
        API: the publishing job has no checkout), and a copy of the results in `tmp`."""
        attrs: dict[str, Any] = {"title": "Add invoice search", "user": "mallory", **pull_attrs}
        pull = fake.add_pull(7, diff=self.diff, head_sha=self.head_sha, base_sha=self.base_sha, **attrs)
        fake.set_contents(self.base_sha, {".github/pr-review.yml": config})
        empty = tmp / "no-checkout"
        empty.mkdir(exist_ok=True)
        scenario = Scenario(fake, self.repo, pull, self.base_sha, self.head_sha, tmp, workspace=empty)
        shutil.copytree(self.results, scenario.results)
        return scenario


def actions_checkout(scenario: Scenario, *, fetchable: bool = True) -> Path:
    """What actions/checkout leaves for a pull_request event, as the run's workspace: the merge
    commit at depth 1 (neither the base nor the head commit is present) and the token persisted in
    .git/config. `fetchable=False`: origin cannot serve the head commit, so only the API can."""
    repo = scenario.repo
    repo.git("branch", "-f", "pr-merge", scenario.base_sha)
    repo.git("checkout", "-q", "pr-merge")
    repo.git("merge", "-q", "--no-ff", "-m", f"Merge {scenario.head_sha} into {scenario.base_sha}", scenario.head_sha)
    repo.git("checkout", "-q", "main")
    workspace = scenario.tmp / "workspace"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", "--branch=pr-merge", f"file://{repo.path}", str(workspace)],
        check=True,
        capture_output=True,
    )
    if not fetchable:
        gone = str(scenario.tmp / "gone")
        subprocess.run(["git", "-C", str(workspace), "remote", "set-url", "origin", gone], check=True)
    scenario.workspace = workspace
    return workspace


def finding_rows(body: str) -> list[str]:
    """The rows of a summary's findings table (they start with a severity badge)."""
    return [line for line in body.splitlines() if line.startswith(("| 🟥", "| 🟧", "| 🟨", "| 🟦", "| ⬜"))]


def inline_comments(fake: FakeGitHub, number: int = 7) -> list[tuple[str, int, str]]:
    """(path, line, fingerprint) of each top-level review comment, the fingerprint from its marker."""
    found = []
    for comment in fake.review_comments(number):
        match = _FINGERPRINT.search(comment["body"])
        if "in_reply_to_id" not in comment and match is not None:
            found.append((str(comment["path"]), int(comment["line"]), match.group(1)))
    return sorted(found)


def review_once(fake: FakeGitHub, repo: GitRepo, tmp: Path) -> ReviewedChange:
    scenario = build_scenario(fake, repo, tmp)
    assert scenario.run("--no-post") == 0
    assert fake.reviews(7) == []
    assert fake.issue_comments(7) == []
    return ReviewedChange(repo, scenario.base_sha, scenario.head_sha, scenario.git_diff(), scenario.results)
