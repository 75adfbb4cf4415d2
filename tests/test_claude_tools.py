"""Issue 15 §2: the model's read-only lookups (read_file, search, list_dir) over the reviewed
commits: jailed to the commit's tree, through the data policy, fenced, budgeted and audited.

A scripted fake model (the loopback Anthropic fake, the real SDK) calls the tools through
`pr-review scan`, and each test reads the tool_result the fake received back.
"""

from __future__ import annotations

import json
import os
import random
import re
import string
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from claude_support import claude_of, finding, scan
from conftest import GitRepo
from fakes import FakeAnthropic, FakeGitHub, text_response, tool_results, tool_use_response
from github_scenario import FAST_CONFIG, actions_checkout, build_scenario
from hypothesis import given
from hypothesis import strategies as st

from pr_review.analyzers.claude import tools as claude_tools
from pr_review.analyzers.claude.chunks import CHARS_PER_TOKEN
from pr_review.analyzers.claude.prompt import MetaBlock, fixed_overhead
from pr_review.cli import main
from pr_review.gather.tree import Refusal, normalise

VIEWS = "from app.db import run_query\n\n\ndef orders(request):\n    return run_query(request.args['q'])\n"
DB = (
    "import sqlite3\n\n\ndef run_query(sql):\n"
    "    # no parameters: the caller must have escaped sql\n"
    "    return sqlite3.connect('x').execute(sql)\n"
)
MEDICAL = "name,record\nAlice,MRN:12345678\n"


def github_token() -> str:
    """A token of GitHub's format, made at run time (no secret-looking literal in the repository)."""
    alphabet = string.ascii_letters + string.digits
    return "ghp_" + "".join(random.Random(15).choices(alphabet, k=36))


@pytest.fixture
def project(repo: GitRepo) -> GitRepo:
    """main: a query helper, a settings file holding a token, medical records and a link out of
    the repository; the branch `feature` adds a view calling the helper."""
    repo.commit(
        {
            "app/__init__.py": "",
            "app/db.py": DB,
            "app/settings.py": f'GITHUB_TOKEN = "{github_token()}"\nDEBUG = False\n',
            "records/patients.csv": MEDICAL,
            f"app/{github_token()}.txt": "a file named after a token\n",
        },
        "base",
    )
    os.symlink("/etc/passwd", repo.path / "app" / "passwd.py")
    repo.commit(message="a link out of the repository")
    # A submodule: a gitlink entry (mode 160000) naming a commit of another repository.
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},vendor/lib")
    repo.git("commit", "-q", "-m", "a submodule")
    (repo.path / "vendor" / "lib").mkdir(parents=True)  # as an uninitialised submodule: `add -A` keeps it
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"app/views.py": VIEWS}, "orders view")
    return repo


def call(tool: str, **arguments: Any) -> dict[str, Any]:
    return tool_use_response(arguments, name=tool)


def report(*findings: Mapping[str, Any]) -> dict[str, Any]:
    return tool_use_response({"findings": list(findings)})


def answers(claude: FakeAnthropic) -> list[str]:
    """What the fake model read back after each of its lookups, in order."""
    return [text for request in claude.message_requests()[1:] for text in tool_results(request)]


def tool_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e["data"] for e in events if e["event"] == "tool_call"]


def test_a_read_shows_the_file_fenced_and_is_audited_and_counted(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    claude.enqueue(call("read_file", path="app/db.py", start_line=4, end_line=6), report())
    code, document, events = scan(claude, project, tmp_path)

    assert code == 0
    (answer,) = answers(claude)
    nonce = json.dumps(claude.message_requests()[0]).split("nonce=")[1][:32]
    assert answer.startswith(f'<<<UNTRUSTED-DATA nonce={nonce} kind=tool-result tool="read_file"')
    assert answer.endswith(f"<<<END-UNTRUSTED-DATA nonce={nonce}>>>")
    assert "4: def run_query(sql):" in answer
    assert "6:     return sqlite3.connect('x').execute(sql)" in answer
    assert "import sqlite3" not in answer  # line 1 was not asked for
    turns = [e["event"] for e in events if e["event"] in ("model_request", "model_response", "tool_call")]
    assert turns == ["model_request", "model_response", "tool_call", "model_request", "model_response"]
    (event,) = tool_events(events)
    assert event["tool"] == "read_file"
    assert event["arguments"] == {"path": "app/db.py", "start_line": 4, "end_line": 6}
    assert event["bytes_returned"] == len(answer.encode())
    assert event["refused"] is None
    metadata = claude_of(document)["metadata"]
    assert (metadata["tool_calls"], metadata["tool_bytes"]) == ("1", str(len(answer.encode())))
    assert "1 lookup(s) by the model" in claude_of(document)["detail"]
    assert "1 lookup(s) by the model" in (tmp_path / "out" / "summary.md").read_text()


def test_the_request_offers_the_lookup_tools_and_lets_the_model_choose(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    scan(claude, project, tmp_path)
    (request,) = claude.message_requests()
    assert [t["name"] for t in request["tools"]] == ["report_findings", "read_file", "search", "list_dir"]
    assert request["tool_choice"] == {"type": "any"}


@pytest.mark.parametrize(
    ("path", "refusal"),
    [
        ("../../etc/passwd", "refused: `..` leaves the repository tree"),
        ("app/../../../etc/passwd", "refused: `..` leaves the repository tree"),
        ("/etc/passwd", "refused: absolute paths are outside the repository"),
        ("app/passwd.py", "refused: 'app/passwd.py' is a symbolic link; links are not followed"),
        (".git/config", "refused: git's own directory is not part of the repository tree"),
        ("app\\db.py", "refused: the path holds a backslash or NUL"),
        ("vendor/lib", "refused: 'vendor/lib' is a submodule"),
        ("app/missing.py", "not found: 'app/missing.py' is not in the head tree"),
        ("app", "refused: 'app' is a directory; use list_dir"),
    ],
    ids=["dotdot", "dotdot-inside", "absolute", "symlink-out", "dot-git", "backslash", "submodule", "missing", "dir"],
)
def test_a_path_outside_the_commit_tree_gets_a_plain_refusal(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path, path: str, refusal: str
) -> None:
    claude.enqueue(call("read_file", path=path), report())
    code, _, events = scan(claude, project, tmp_path)

    assert code == 0  # a refused lookup does not fail the review
    (answer,) = answers(claude)
    assert refusal in answer
    assert "root:" not in answer  # /etc/passwd's content never reaches the model
    (event,) = tool_events(events)
    assert refusal in event["refused"]


def test_a_file_the_data_policy_withholds_stays_withheld(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    claude.enqueue(call("read_file", path="records/patients.csv"), call("search", pattern="MRN"), report())
    scan(claude, project, tmp_path)

    read, search = answers(claude)
    assert "withheld: 'records/patients.csv': withheld from the model: contains health data" in read
    assert "12345678" not in read + search
    assert search.split("\n")[1].startswith("0 matching line(s) in the head tree")


def test_a_file_the_diff_withholds_for_a_removed_line_stays_withheld_in_lookups(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    project.commit({"records/patients.csv": "name,record\n"}, "drop the record")  # the head holds no value
    claude.enqueue(call("read_file", path="records/patients.csv"), report())
    _, document, _ = scan(claude, project, tmp_path)

    (read,) = answers(claude)
    assert read.split("\n")[1].startswith("withheld: 'records/patients.csv': withheld from the model")
    assert "name,record" not in read
    assert "records/patients.csv" in {n["path"] for n in document["not_reviewed"]}


def test_a_secret_in_a_file_read_or_searched_is_redacted_as_in_the_diff(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    token = github_token()
    claude.enqueue(
        call("read_file", path="app/settings.py"),
        call("search", pattern=token[:12]),  # a search cannot confirm a redacted value
        call("search", pattern="GITHUB_TOKEN", path_glob="*.py"),
        report(),
    )
    _, _, events = scan(claude, project, tmp_path)

    read, probe, search = answers(claude)
    assert token not in json.dumps(claude.message_requests())
    assert '1: GITHUB_TOKEN = "[REDACTED:github-token#1]"' in read
    assert "0 matching line(s)" in probe
    assert 'app/settings.py:1: GITHUB_TOKEN = "[REDACTED:github-token#1]"' in search
    assert [e["redactions"] for e in tool_events(events)] == [1, 0, 1]


def test_search_lists_matches_and_list_dir_marks_links(claude: FakeAnthropic, project: GitRepo, tmp_path: Path) -> None:
    claude.enqueue(
        call("search", pattern=r"def \w+_query", regex=True, path_glob="app/**"),
        call("list_dir", path="app"),
        call("list_dir", path="app", tree="base"),
        report(),
    )
    scan(claude, project, tmp_path)

    search, head, base = answers(claude)
    assert "app/db.py:4: def run_query(sql):" in search
    assert "views.py" in head
    assert "passwd.py (symbolic link, not followed)" in head
    assert "[an entry whose name the data policy withholds]" in head
    assert github_token() not in json.dumps(claude.message_requests())
    assert "views.py" not in base  # the base commit has no view yet


def test_a_catastrophic_regex_is_answered_in_bounded_time(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    project.commit({"app/long.txt": "a" * 100_000 + "!\n"}, "a long line")
    claude.enqueue(call("search", pattern="(a+)+$", regex=True), call("search", pattern=r"(a)\1", regex=True), report())
    started = time.monotonic()
    code, _, _ = scan(claude, project, tmp_path)

    assert code == 0
    assert time.monotonic() - started < 60
    catastrophic, backreference = answers(claude)
    assert "0 matching line(s)" in catastrophic
    assert "refused: not an RE2 pattern" in backreference


def test_a_model_that_keeps_looking_gets_refusals_then_must_answer(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    claude.responder = lambda request: (
        report() if request["tool_choice"]["type"] == "tool" else call("read_file", path="app/db.py")
    )
    code, document, events = scan(claude, project, tmp_path, max_tool_calls="3")

    assert code == 0
    requests = claude.message_requests()
    assert len(requests) == 4  # the question, two lookups answered, the third answered and forced
    assert [r["tool_choice"] for r in requests] == [{"type": "any"}] * 3 + [{"type": "tool", "name": "report_findings"}]
    assert "Lookup budget exhausted" in requests[3]["messages"][-1]["content"][-1]["text"]
    assert len(tool_events(events)) == 3
    assert claude_of(document)["metadata"]["tool_calls"] == "3"


def test_the_runs_input_token_budget_ends_the_lookups(claude: FakeAnthropic, project: GitRepo, tmp_path: Path) -> None:
    claude.responder = lambda request: (
        report() if request["tool_choice"]["type"] == "tool" else call("read_file", path="app/db.py")
    )
    # Room for the first turn of the one request; each lookup turn sends the conversation again.
    fixed = fixed_overhead(None, MetaBlock("", (), False), lookups=True) // CHARS_PER_TOKEN
    scan(claude, project, tmp_path, max_input_tokens=str(fixed + 800))

    requests = claude.message_requests()
    assert len(requests) == 3  # the question, a lookup answered, then one answered and forced
    assert requests[-1]["tool_choice"] == {"type": "tool", "name": "report_findings"}
    assert "claude.max_input_tokens per run): answer now." in requests[-1]["messages"][-1]["content"][-1]["text"]


def test_the_bytes_budget_cuts_an_answer_and_ends_the_lookups(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    claude.responder = lambda request: (
        report() if request["tool_choice"]["type"] == "tool" else call("read_file", path="app/db.py")
    )
    scan(claude, project, tmp_path, max_tool_bytes="300")

    (cut,) = answers(claude)[:1]
    assert len(cut.encode()) <= 300
    assert cut.endswith("[... cut: the lookup budget of this request is spent]")
    assert claude.message_requests()[-1]["tool_choice"] == {"type": "tool", "name": "report_findings"}


def test_a_model_that_stops_without_report_findings_is_asked_once_then_the_files_fail(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    claude.responder = lambda request: text_response("I think it is fine.")
    code, document, _ = scan(claude, project, tmp_path, on_failure="fail")

    assert code == 3
    requests = claude.message_requests()
    assert len(requests) == 2
    assert requests[1]["tool_choice"] == {"type": "tool", "name": "report_findings"}
    assert claude_of(document)["status"] == "failed"
    assert "did not call report_findings" in claude_of(document)["detail"]
    assert "app/views.py" in {n["path"] for n in document["not_reviewed"]}


def test_a_finding_on_a_file_only_read_through_a_tool_is_dropped_and_counted(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    claude.enqueue(call("read_file", path="app/db.py"), report(finding("app/db.py", 6), finding("app/views.py", 5)))
    _, document, _ = scan(claude, project, tmp_path)

    assert {f["location"]["path"] for f in document["findings"]} == {"app/views.py"}
    assert "1 unknown path" in claude_of(document)["detail"]


def test_with_context_tools_off_the_request_is_todays_single_forced_turn(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    _, document, events = scan(claude, project, tmp_path, context_tools="false")

    (request,) = claude.message_requests()
    assert [t["name"] for t in request["tools"]] == ["report_findings"]
    assert request["tool_choice"] == {"type": "tool", "name": "report_findings"}
    assert not tool_events(events)
    assert "tool_calls" not in claude_of(document)["metadata"]


def test_a_scan_of_the_worktree_offers_no_tools_and_says_why(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    (project.path / "app" / "views.py").write_text(VIEWS + "# edited\n")
    config = tmp_path / "pr-review.yml"
    config.write_text("semgrep:\n  enabled: false\n")
    environ = {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": claude.url, "PATH": os.environ.get("PATH", "")}
    out = tmp_path / "out"
    argv = ["scan", str(project.path), "--base", "main", "--head", "WORKTREE", "--config", str(config)]
    main([*argv, "--out", str(out)], environ=environ)

    (request,) = claude.message_requests()
    assert [t["name"] for t in request["tools"]] == ["report_findings"]
    detail = claude_of(json.loads((out / "findings.json").read_text()))["detail"]
    assert "context tools unavailable: the head is the uncommitted working tree, not a commit" in detail


def test_calls_beyond_the_budget_in_one_turn_are_each_refused(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    three = call("read_file", path="app/db.py")
    three["content"] += [dict(three["content"][0], id=f"toolu_extra{n}") for n in (1, 2)]
    claude.enqueue(three, report())
    _, _, events = scan(claude, project, tmp_path, max_tool_calls="1")

    first, *beyond = answers(claude)
    assert "4: def run_query(sql):" in first
    assert beyond == [beyond[0]] * 2
    assert beyond[0].startswith("Lookup budget exhausted")
    assert len(tool_events(events)) == 1
    assert claude.message_requests()[-1]["tool_choice"] == {"type": "tool", "name": "report_findings"}


def test_run_looks_up_the_head_commit_fetched_into_a_shallow_checkout(
    fake: FakeGitHub, claude: FakeAnthropic, repo: GitRepo, tmp_path: Path
) -> None:
    scenario = build_scenario(fake, repo, tmp_path, base_config=FAST_CONFIG + "semgrep:\n  enabled: false\n")
    actions_checkout(scenario)  # depth 1: neither the head nor the base commit is there: both are fetched
    claude.enqueue(
        call("read_file", path="app/db.py", start_line=1, end_line=2),
        call("read_file", path="app/views.py", tree="base"),
        report(),
    )
    code = scenario.run("--no-post", ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url)

    assert code == 0
    head, base = answers(claude)
    assert "app/db.py (head), lines 1-2" in head
    assert "app/views.py (base)" in base
    assert "search_invoices" not in base  # the view as it was before the change


def test_run_offers_no_lookups_when_the_head_commit_cannot_be_fetched(
    fake: FakeGitHub, claude: FakeAnthropic, repo: GitRepo, tmp_path: Path
) -> None:
    scenario = build_scenario(fake, repo, tmp_path, base_config=FAST_CONFIG + "semgrep:\n  enabled: false\n")
    actions_checkout(scenario, fetchable=False)  # head contents come from the API: no commit to read
    changed = ("app/views.py", "app/settings.py")
    fake.set_contents(scenario.head_sha, {p: repo.git("show", f"{scenario.head_sha}:{p}") + "\n" for p in changed})
    code = scenario.run("--no-post", ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url)

    assert code == 0
    (request,) = claude.message_requests()
    assert [t["name"] for t in request["tools"]] == ["report_findings"]
    detail = claude_of(json.loads((scenario.results / "findings.json").read_text()))["detail"]
    assert f"context tools unavailable: the head commit {scenario.head_sha[:12]} is not in" in detail


@given(st.text(alphabet="./\\\0abc.git", max_size=30))
def test_a_normalised_path_never_leaves_the_tree(path: str) -> None:
    normalised = normalise(path)
    if isinstance(normalised, Refusal):
        return
    parts = normalised.split("/") if normalised else []
    assert all(part not in ("", ".", "..") and part.casefold() != ".git" for part in parts)
    assert "\\" not in normalised
    assert "\0" not in normalised


def test_the_fixed_prompt_and_tool_definitions_are_the_same_for_every_change(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    _, first, _ = scan(claude, project, tmp_path / "one")
    project.commit({"app/other.py": "def other():\n    return 1\n"}, "another change")
    _, second, _ = scan(claude, project, tmp_path / "two")

    one, two = claude.message_requests()
    assert "other.py" in json.dumps(two["messages"])
    assert "other.py" not in json.dumps(one["messages"])
    assert (one["system"], one["tools"]) == (two["system"], two["tools"])  # cacheable prefix
    assert claude_of(first)["metadata"]["tools_sha256"] == claude_of(second)["metadata"]["tools_sha256"]


def test_the_tool_definitions_count_against_the_token_budget(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path
) -> None:
    def overhead(**extra: str) -> int:
        _, document, _ = scan(claude, project, tmp_path / "-".join(extra) or "on", token_budget="1000", **extra)
        detail = claude_of(document)["detail"]
        match = re.search(r"fixed prompt and the PR's text \(~([\d,]+) tokens\)", detail)
        assert match is not None, detail
        return int(match.group(1).replace(",", ""))

    definitions = json.dumps(claude_tools.definitions())
    assert overhead() - overhead(context_tools="false") == pytest.approx(len(definitions) / 4, abs=2)


def test_audit_show_pairs_each_lookup_turn_with_its_own_answer(
    claude: FakeAnthropic, project: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claude.enqueue(call("read_file", path="app/db.py"), report())
    _, _, events = scan(claude, project, tmp_path, claude_config="audit:\n  capture: full\n")
    requests = [e["data"]["request_sha256"] for e in events if e["event"] == "model_request"]
    answers = [e["data"]["response_sha256"] for e in events if e["event"] == "model_response"]
    assert len(requests) == len(answers) == 2

    for request, answer in zip(requests, answers, strict=True):
        capsys.readouterr()
        assert main(["audit", "show", "--request", request, "--results", str(tmp_path / "out")], environ={}) == 0
        shown = capsys.readouterr().out
        assert f"--- response {answer} ---" in shown
        assert "no answer was recorded" not in shown
