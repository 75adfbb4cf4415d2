"""A pull request as the GitHub Action sees it: a real git workspace, a fake GitHub serving the
same PR, an event payload and the Actions environment. Shared by the GitHub-mode tests."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from conftest import EXAMPLE_DIR, GitRepo
from fakes import FakeGitHub, FakePullRequest

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
            "GITHUB_WORKSPACE": str(self.repo.path),
            "GITHUB_ACTOR": "octocat",
            "GITHUB_RUN_ID": "1234",
            "GITHUB_STEP_SUMMARY": str(self.summary_path),
            "GITHUB_OUTPUT": str(self.output_path),
            "SEMGREP_ENABLE_VERSION_CHECK": "0",
            "PATH": "/usr/bin:/bin",
        }
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
    base_config: str = FAST_CONFIG,
    **pull_attrs: object,
) -> Scenario:
    """Base: the example service before the change (+ config); head: the bundled example change."""
    base = {
        "app/__init__.py": "",
        "app/db.py": (EXAMPLE_DIR / "app" / "db.py").read_text(),
        "app/views.py": BASE_VIEWS,
        ".github/pr-review.yml": base_config,
        **(base_files or {}),
    }
    base_sha = repo.commit(base, "base")
    head = head_files if head_files is not None else {
        "app/views.py": (EXAMPLE_DIR / "app" / "views.py").read_text(),
        "app/settings.py": (EXAMPLE_DIR / "app" / "settings.py").read_text(),
    }
    head_sha = repo.commit(head, "Add invoice search, export and import")
    diff = repo.git("-c", "core.quotePath=false", "diff", "--no-color", "-M", f"{base_sha}...{head_sha}") + "\n"
    attrs: dict[str, object] = {"title": "Add invoice search", "user": "mallory", **pull_attrs}
    pull = fake.add_pull(7, diff=diff, head_sha=head_sha, base_sha=base_sha, **attrs)
    fake.set_contents(base_sha, {k: v for k, v in base.items()})
    return Scenario(fake, repo, pull, base_sha, head_sha, tmp)
