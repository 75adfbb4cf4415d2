"""Security review findings: each test pins one problem found by an attacker-minded review."""

from __future__ import annotations

import io
import json
import re
import resource
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from claude_support import finding
from conftest import GitRepo
from fakes import AnthropicFault, FakeGitHub, fake_anthropic_server, fake_github_server
from github_scenario import build_scenario
from scaling import SCALE, assert_scales_linearly

from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus
from pr_review.cli import main
from pr_review.config import TriageSettings
from pr_review.config_loader import build_config
from pr_review.errors import UsageError
from pr_review.gather.change import Change, ReviewTarget
from pr_review.gather.diff import ChangedFile, FileStatus, Hunk, Line, parse_diff
from pr_review.gather.local_git import from_diff_file, worktree_reader
from pr_review.github.inline import comment_range as _comment_range
from pr_review.models import CodeLocation, Finding, Fingerprint, Severity
from pr_review.pipeline import materialise
from pr_review.progress import ActionsProgress
from pr_review.registry import ANALYZER_NAMES
from pr_review.report.document import outcome_from_json
from pr_review.report.markdown import render_summary
from pr_review.scope import build_scope
from pr_review.text.sanitize import neutralise
from pr_review.triage.suppress import apply_suppressions

FP = Fingerprint("ab" * 32)


def _finding(path: str, start: int, end: int | None = None, **extra: object) -> Finding:
    values: dict[str, object] = {
        "fingerprint": FP,
        "sources": ("semgrep",),
        "rule_ids": ("rule.a",),
        "title": "SQL injection",
        "severity": Severity.HIGH,
        "confidence": 0.9,
        "cwe": ("CWE-89",),
        "location": CodeLocation(path, start, end if end is not None else start),
        "in_diff": True,
    }
    values.update(extra)
    return Finding(**values)  # type: ignore[arg-type]


def test_ignore_comment_added_by_the_pr_cannot_hide_behind_a_unicode_line_separator() -> None:
    # Lines 1 and 4 are added by the PR; 2-3 are unchanged. A U+2028 inside line 1 must not make the
    # added ignore comment look like it sits on the (unchanged) line 3, just above the finding.
    lines = ["x = 1\u2028\u2028# pr-review: ignore[rule.a] looks fine", "a = 2", "b = 3", "run(q)"]
    text = "\n".join(lines) + "\n"
    hunk = Hunk(
        1,
        2,
        1,
        4,
        "",
        added=(Line(1, lines[0]), Line(4, lines[3])),
        removed=(),
        context=(Line(2, lines[1]), Line(3, lines[2])),
    )
    changed = ChangedFile("app.py", "app.py", FileStatus.MODIFIED, hunks=(hunk,))
    result = apply_suppressions(
        [_finding("app.py", 4)], {"app.py": changed}, {"app.py": text.encode()}, TriageSettings()
    )
    assert not result.suppressed
    assert [f.fingerprint for f in result.findings] == [FP]


def _report(**parts: object) -> dict[str, object]:
    document: dict[str, object] = {
        "schema_version": 1,
        "tool": {"name": "pr-review", "version": "0"},
        "target": {"repository": "o/r", "base": "b" * 40, "head": "c" * 40, "pull_request": 7},
        "findings": [],
        "analyzers": [],
        "not_reviewed": [],
        "counts": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0},
    }
    document.update(parts)
    return document


def test_uploaded_triage_note_fingerprint_cannot_break_out_of_its_code_span() -> None:
    document = _report(
        triage_notes=[{"kind": "needs-approval", "message": "m", "fingerprint": "` @acme/sec <b>x"}],
        analyzers=[
            {
                "name": "claude",
                "status": "ok",
                "detail": "",
                "duration_s": 0,
                "metadata": {"model": "m", "prompt_sha256": "`@acme/all <img src=x>"},
            }
        ],
    )
    outcome = outcome_from_json(document, build_config({}), source="findings.json", analyzer_names=ANALYZER_NAMES)
    summary = render_summary(outcome)
    assert "` @acme" not in summary
    assert "`@acme" not in summary
    assert "<b>" not in summary
    assert "<img" not in summary


@pytest.mark.parametrize(
    ("analyzer", "metadata", "problem"),
    [
        ("claude", {"model": "m", "requests": "many"}, "analyzers[claude].metadata.requests is not a count"),
        ("zap", {"zap_instances": "{not json"}, "analyzers[zap].metadata.zap_instances is not a JSON object"),
        ("zap", {"zap_instances": '{"fp": -1}'}, "analyzers[zap].metadata.zap_instances is not an object of counts"),
    ],
)
def test_uploaded_analyzer_metadata_that_is_not_what_run_writes_is_refused(
    analyzer: str, metadata: dict[str, str], problem: str
) -> None:
    entry = {"name": analyzer, "status": "ok", "detail": "", "duration_s": 0, "metadata": metadata}
    with pytest.raises(UsageError, match=re.escape(f"findings.json is not a valid findings.json: {problem}")):
        outcome_from_json(
            _report(analyzers=[entry]), build_config({}), source="findings.json", analyzer_names=ANALYZER_NAMES
        )


class _CountedLines(frozenset[int]):
    """Commentable lines that count how often a line is looked at."""

    looks = 0

    def __iter__(self) -> Iterator[int]:
        for line in super().__iter__():
            self.looks += 1
            yield line

    def __contains__(self, line: object) -> bool:
        self.looks += 1
        return super().__contains__(line)


def test_comment_range_of_a_huge_span_is_found_without_walking_it() -> None:
    lines = _CountedLines({3, 5, 9})
    span = _comment_range(_finding("app.py", 1, 10**6), lines)
    assert span == (3, 9)
    assert lines.looks <= 2 * len(lines)  # the commentable lines, not the million lines of the span


def test_a_diff_hunk_far_down_a_file_does_not_make_reconstruction_allocate_its_whole_height(tmp_path) -> None:  # type: ignore[no-untyped-def]

    diff = tmp_path / "change.diff"
    diff.write_text(
        "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -300000000,0 +300000000,1 @@\n+x = 1\n"
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    change = from_diff_file(diff, None)
    content = change.read_head("app.py")
    assert content is None or len(content) < 100_000_000
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 500_000  # KiB


def test_a_path_the_filesystem_cannot_hold_is_refused_not_a_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    long_name = "a" * 300 + ".py"
    diff = f"diff --git a/{long_name} b/{long_name}\n--- a/{long_name}\n+++ b/{long_name}\n@@ -1 +1 @@\n-x\n+y\n"
    files = parse_diff(diff)
    change = Change(ReviewTarget("r", "b", "h"), files, {long_name: b"y\n"}.get)
    scope, refused = materialise(build_scope(change, build_config({})), tmp_path)
    assert [r.path for r in refused] == [long_name]
    assert scope.files == ()


def test_actions_log_lines_cannot_start_a_workflow_command() -> None:

    stream = io.StringIO()
    progress = ActionsProgress(stream)
    progress.note("results for x\n::error::forged")
    progress.analyzer_done(AnalyzerResult("semgrep", AnalyzerStatus.FAILED, detail="bad file\r\n::warning::forged"))
    assert not [line for line in stream.getvalue().splitlines() if line.lstrip().startswith(("::error", "::warning"))]


def test_the_worktree_reader_answers_none_for_paths_the_filesystem_refuses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "loop").symlink_to("loop")  # a PR can check out a symlink loop
    read = worktree_reader(tmp_path)
    assert read("a" * 300 + ".py") is None
    assert read("loop") == b"loop", "a link is read as its target text, never followed"
    assert read("loop/x.py") is None


def test_sanitizing_hostile_link_and_reference_runs_stays_linear() -> None:
    runs: list[Callable[[int, int], str]] = [
        lambda n, k: "[a](" + " " * n + "x" * k,
        lambda n, k: "a-" * n + "/x" + "y" * k,
        lambda n, k: "/" + "a" * n + "#1" + "z" * k,
    ]
    for make in runs:
        assert_scales_linearly(lambda text: neutralise(text, max_len=200_000), make, 100_000 // SCALE)


def test_a_failed_analyzer_does_not_mark_its_earlier_findings_resolved(
    fake_github: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    scenario = build_scenario(fake_github, repo, tmp_path)
    with fake_anthropic_server() as claude:
        claude.default_tool_input = {"findings": [finding("app/views.py", 43, cwe="CWE-20", title="Unchecked import")]}
        assert scenario.run(ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url) == 0
        claude.inject(AnthropicFault.overloaded(), times=20)
        config_env = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": claude.url}
        # --full: nothing changed, so an incremental review would send Claude nothing to fail on.
        assert scenario.run("--full", **config_env) == 0  # Claude failed (on_failure: continue), Semgrep ran

    summary = next(c["body"] for c in fake_github.issue_comments(7) if "<!-- pr-review:summary " in c["body"])
    assert "Resolved since the last run" not in summary
    assert "claude | ❌ failed" in summary


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    with fake_github_server() as server:
        yield server


def test_a_form_feed_or_line_separator_does_not_shift_flagged_lines(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit({"README.md": "app\n"}, "base")
    repo.git("checkout", "-q", "-b", "feature")
    handler = (
        "from flask import request\nimport sqlite3\n# page one\x0c page two \u2028 still a comment\n\n\n"
        "def search():\n    name = request.args.get('name')\n"
        '    query = "SELECT * FROM users WHERE name = \'" + name + "\'"\n'
        "    return sqlite3.connect('db').execute(query).fetchall()\n"
    )
    repo.commit({"app.py": handler}, "search")

    main(["scan", str(repo.path), "--base", "main", "--head", "feature", "--format", "json"], environ={})

    report = json.loads(capsys.readouterr().out)
    sql = next(f for f in report["findings"] if "pr-review.python.sql-injection" in f["rule_ids"])
    flagged = handler.split("\n")[sql["location"]["start_line"] - 1]
    assert sql["evidence"].strip() == flagged.strip()
    assert "execute(query)" in sql["evidence"] or "SELECT" in sql["evidence"]
