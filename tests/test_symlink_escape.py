"""Issue 13 §2: a committed symlink cannot make the review read files outside the change.

On actions/checkout's defaults (fetch-depth 1, persisted credentials) the PR head's objects are not
in the workspace, and the checkout holds the PR's symlinks. The chain `app/x.py → "[core]"`,
`app/[core] → ../.git/config` resolves to the runner's .git/config, whose first line is `[core]`
as the diff says app/x.py's is. Head content comes from git objects (fetched when missing) or the
contents API; a symlink is reviewed as the link it is, its target text.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GitRepo
from fakes import FakeAnthropic, FakeGitHub, fake_anthropic_server, fake_github_server
from github_scenario import Scenario, actions_checkout, build_scenario
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pr_review.cli import main
from pr_review.gather.local_git import worktree_reader

CANARY = "canary-5e2a7c91d04b"
CHAIN = {"app/x.py": "[core]", "app/[core]": "../.git/config"}
HEALTH = 'def health():\n    return {"status": "ok"}\n'


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with fake_github_server() as server:
        yield server
        assert server.errors == []


@pytest.fixture
def claude() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as server:
        yield server


def persist_credentials(workspace: Path) -> None:
    """What actions/checkout writes into .git/config, plus a canary to look for downstream."""
    for key, value in (
        ("http.https://github.com/.extraheader", "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX2NhbmFyeQ=="),
        ("pr-review-test.marker", CANARY),
    ):
        subprocess.run(["git", "-C", str(workspace), "config", key, value], check=True)


def sent_to_model(claude: FakeAnthropic) -> str:
    return json.dumps(claude.message_requests())


def everything_published(scenario: Scenario, github: FakeGitHub) -> str:
    comments = [c["body"] for c in github.review_comments(7)] + [c["body"] for c in github.issue_comments(7)]
    files = [
        (scenario.results / name).read_text(encoding="utf-8")
        for name in ("findings.json", "results.sarif", "summary.md", "audit.jsonl")
    ]
    return "\n".join([*comments, *files, scenario.summary_path.read_text(encoding="utf-8")])


@pytest.mark.parametrize("fetchable", [True, False], ids=["head-fetched-from-origin", "head-from-the-api"])
def test_a_symlink_chain_to_git_config_is_reviewed_as_links_on_a_shallow_checkout(
    github: FakeGitHub, claude: FakeAnthropic, repo: GitRepo, tmp_path: Path, fetchable: bool
) -> None:
    links = {**CHAIN, "app/alias.py": "health.py"}  # and a link to a file of the change
    scenario = build_scenario(github, repo, tmp_path, head_files={"app/health.py": HEALTH}, head_symlinks=links)
    workspace = actions_checkout(scenario, fetchable=fetchable)
    persist_credentials(workspace)
    assert CANARY in (workspace / "app" / "x.py").read_text(), "the trap is armed: the link leads to .git/config"
    github.set_contents(scenario.head_sha, {"app/health.py": HEALTH}, symlinks=links)

    code = scenario.run(ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url)

    assert code == 0
    sent = sent_to_model(claude)
    assert CANARY not in sent
    assert "extraheader" not in sent
    assert "../.git/config" in sent, "app/[core] was reviewed, as the link it is"
    assert sent.count("def health()") == 1, "app/alias.py was reviewed as its target text, not as health.py"
    assert CANARY not in everything_published(scenario, github)
    head_reads = [
        r
        for r in github.requests_matching("GET", r"/repos/octo/app/contents/.*")
        if r.query.get("ref") == [scenario.head_sha]
    ]
    if fetchable:
        assert head_reads == [], "the head commit was fetched; git objects served every file"
    else:
        assert {r.path.rsplit("/contents/", 1)[1] for r in head_reads} == {
            "app/health.py",
            "app/x.py",
            "app/%5Bcore%5D",
            "app/alias.py",
        }


def test_scan_of_the_worktree_does_not_follow_a_link_to_an_ignored_file(
    claude: FakeAnthropic, repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit({".gitignore": ".env\n", "app/health.py": HEALTH}, "base")
    (repo.path / ".env").write_text(f"# {CANARY} local notes\nDEBUG=1\n")
    (repo.path / "app" / "notes.txt").symlink_to("../.env")
    repo.git("add", "app/notes.txt")
    environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": claude.url, "PATH": os.environ.get("PATH", "")}

    code = main(["scan", str(repo.path), "--base", "main", "--head", "WORKTREE", "--format", "json"], environ=environ)

    assert code == 0
    report = capsys.readouterr().out
    sent = sent_to_model(claude)
    assert CANARY not in sent
    assert "../.env" in sent, "the link was reviewed as its target text"
    assert CANARY not in report


def test_scan_of_a_diff_naming_git_config_does_not_read_the_checkouts(
    claude: FakeAnthropic, repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A forged diff lists `.git/config` as a changed file whose first line is `[core]`."""
    repo.commit({"app/health.py": HEALTH}, "base")
    repo.git("config", "pr-review-test.marker", CANARY)
    diff = tmp_path / "forged.diff"
    diff.write_text(
        "diff --git a/.git/config b/.git/config\n--- a/.git/config\n+++ b/.git/config\n@@ -1 +1 @@\n-[old]\n+[core]\n"
    )
    environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": claude.url, "PATH": os.environ.get("PATH", "")}

    code = main(["scan", str(repo.path), "--diff", str(diff), "--format", "json"], environ=environ)

    assert code == 0
    assert CANARY not in sent_to_model(claude)
    assert CANARY not in capsys.readouterr().out


_SEGMENTS = st.sampled_from(["app", "..", ".", ".git", ".GIT", "config", "x.py", "[core]", "up", "loop", "", "a" * 300])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_SEGMENTS, min_size=1, max_size=6).map("/".join))
def test_no_path_a_diff_can_name_reads_outside_the_checkout_or_its_git_dir(tmp_path: Path, path: str) -> None:
    """Whatever path a diff names, the worktree reader answers None or the checkout's own bytes:
    never a crash, never .git/config or a file outside, whichever links lie on the way."""
    root = tmp_path / "checkout"
    if not root.exists():
        (root / ".git").mkdir(parents=True)
        (root / ".git" / "config").write_text(f"[core]\n\tmarker = {CANARY}\n")
        (tmp_path / "config").write_text(CANARY)
        (root / "app").mkdir()
        (root / "app" / "x.py").symlink_to("[core]")
        (root / "app" / "[core]").symlink_to("../.git/config")
        (root / "app" / "config").write_text("in the checkout\n")
        (root / "up").symlink_to("..")
        (root / "loop").symlink_to("loop")

    content = worktree_reader(root)(path)

    assert content is None or CANARY.encode() not in content
