"""Incremental review through `pr-review run`: a push re-sends Claude only the files that changed,
the others' findings are carried forward from the state block in the bot's summary comment, and a
state that does not verify costs a full review, never carried findings (issue 17)."""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from claude_support import finding, paths_in, user_content
from conftest import GitRepo
from fakes import FakeAnthropic, FakeGitHub, fake_anthropic_server, files_from_diff, tool_use_response
from github_scenario import Scenario, build_scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from pr_review.analyzers.claude.chunks import CHARS_PER_TOKEN
from pr_review.analyzers.claude.incremental import UNPINNED_STATE
from pr_review.analyzers.claude.prompt import MetaBlock, fixed_overhead
from pr_review.analyzers.claude.state import (
    CarriedFinding,
    Rejected,
    ReviewState,
    ToolRead,
    UnitState,
    decode,
    encode,
    fits_a_unit,
)

AUDIT_KEY = "k" * 32
CONFIG = "github:\n  write_interval_s: 0\nsemgrep:\n  enabled: false\n"
SINK = "os.system"
_CODE_LINE = re.compile(r"^(\d+)[+ ] (.*)$")
_OPENING = re.compile(r'^<<<UNTRUSTED-DATA nonce=\w+ kind=code path="([^"]*)"')


def module(n: int, extra: str = "") -> str:
    return f'"""Module {n}."""\nimport os\n\n{extra}\ndef run_{n}(name):\n    return {SINK}("echo " + name)\n'


FILES = {f"app/mod{n:02}.py": module(n) for n in range(6)}


def one_finding_per_file(request: dict[str, Any]) -> dict[str, Any]:
    """A command injection on each file's os.system line, as the request numbers it."""
    found, path = [], ""
    for line in user_content(request).split("\n"):
        if opening := _OPENING.match(line):
            path = opening.group(1)
        elif (code := _CODE_LINE.match(line)) and SINK in code.group(2):
            found.append(finding(path, int(code.group(1)), cwe="CWE-78", title=f"Command injection in {path}"))
    return tool_use_response({"findings": found})


@pytest.fixture
def claude() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server(responder=one_finding_per_file) as server:
        yield server


@pytest.fixture
def pull(fake: FakeGitHub, repo: GitRepo, tmp_path: Path) -> Scenario:
    return build_scenario(fake, repo, tmp_path, head_files=FILES, base_config=CONFIG)


def review(scenario: Scenario, claude: FakeAnthropic, *args: str, **env: str) -> list[str]:
    """`pr-review run`; the files Claude was sent, in request order."""
    claude.clear()
    assert scenario.run(*args, ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url, **env) == 0
    return sorted(path for request in claude.message_requests() for path in paths_in(request))


def claude_paths(scenario: Scenario) -> list[str]:
    return sorted(f["location"]["path"] for f in scenario.findings() if "claude" in f["sources"])


def model_review_event(scenario: Scenario) -> dict[str, Any]:
    """The last run's (the results directory's audit.jsonl holds every run's)."""
    lines = (scenario.results / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    event = [json.loads(line)["data"] for line in lines if json.loads(line)["event"] == "model_review"][-1]
    assert isinstance(event, dict)
    return event


def summary_state(scenario: Scenario) -> str:
    [summary] = scenario.summaries()
    match = re.search(r" state=(\S+)", summary["body"].rsplit("\n", 1)[-1])
    assert match is not None
    return match.group(1)


def set_summary_body(scenario: Scenario, body: str) -> None:
    [record] = [c for c in scenario.pull.issue_comments if "pr-review:summary" in c.body]
    record.body = body


def test_a_push_changing_one_file_sends_claude_only_that_file_and_keeps_every_finding(
    pull: Scenario, claude: FakeAnthropic, fake: FakeGitHub
) -> None:
    assert review(pull, claude) == sorted(FILES)
    first = {f["fingerprint"] for f in pull.findings()}
    assert claude_paths(pull) == sorted(FILES)

    pull.push({"app/mod03.py": module(3, extra="TIMEOUT = 5\n")})
    assert review(pull, claude) == ["app/mod03.py"]

    assert claude_paths(pull) == sorted(FILES)  # the five untouched files' findings are still reported
    assert {f["fingerprint"] for f in pull.findings()} == first
    posted = [re.search(r"fingerprint=([0-9a-f]+)", c["body"]) for c in fake.review_comments(7)]
    fingerprints = [m.group(1) for m in posted if m]
    assert len(fingerprints) == len(set(fingerprints)) == len(FILES)  # no finding commented twice
    event = model_review_event(pull)
    assert event["mode"] == "incremental"
    assert event["reviewed"] == ["app/mod03.py"]
    assert [c["path"] for c in event["carried"]] == sorted(set(FILES) - {"app/mod03.py"})
    assert all(c["reviewed_by"].startswith("1234@") for c in event["carried"])
    assert event["full_review_tokens"] > event["input_tokens"] > 0
    [summary] = pull.summaries()
    assert "Claude review: incremental; 1 file(s) sent, 5 carried forward unchanged." in summary["body"]
    assert "a full review: ~" in summary["body"]


def test_semgrep_still_reviews_the_whole_change_when_claude_reviews_one_file(
    scenario: Scenario, claude: FakeAnthropic
) -> None:
    review(scenario, claude)
    semgrep_before = sorted(f["fingerprint"] for f in scenario.findings() if "semgrep" in f["sources"])
    scenario.push({"app/settings.py": "DEBUG = False\n"})

    assert review(scenario, claude) == ["app/settings.py"]

    semgrep_after = [f for f in scenario.findings() if "semgrep" in f["sources"]]
    assert any(f["location"]["path"] == "app/views.py" for f in semgrep_after)  # a file Claude did not get
    assert {f["fingerprint"] for f in semgrep_after if f["location"]["path"] == "app/views.py"} <= set(semgrep_before)


def test_a_changed_file_is_reviewed_again_with_its_finding_at_its_new_line(
    pull: Scenario, claude: FakeAnthropic
) -> None:
    review(pull, claude)
    pull.push({"app/mod02.py": module(2, extra="A = 1\nB = 2\n")})

    assert review(pull, claude) == ["app/mod02.py"]

    lines = {f["location"]["path"]: f["location"]["start_line"] for f in pull.findings()}
    assert lines["app/mod02.py"] == 8  # two lines further down, reviewed again
    assert lines["app/mod01.py"] == 6  # carried, where it is


def test_a_file_whose_lines_only_moved_is_not_sent_again_and_its_finding_moves_with_it(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, claude: FakeAnthropic
) -> None:
    filler = "".join(f"LIMIT_{n} = {n}\n" for n in range(40))
    before = module(9, extra=filler).replace(SINK, "print")
    base_files = {"app/tool.py": before}
    head_files = {"app/tool.py": module(9, extra=filler)}
    scenario = build_scenario(fake, repo, tmp_path, base_files=base_files, head_files=head_files, base_config=CONFIG)
    review(scenario, claude)
    [line] = [f["location"]["start_line"] for f in scenario.findings() if "claude" in f["sources"]]
    # The base branch gains three lines at the top of the file; the pull request merges it in.
    repo.git("checkout", "-q", "-b", "upstream", scenario.base_sha)
    moved = {"app/tool.py": "# one\n# two\n# three\n" + before}
    scenario.base_sha = repo.commit(moved, "Headers")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-edit", "upstream")
    scenario.head_sha = repo.git("rev-parse", "HEAD")
    fake.set_contents(scenario.base_sha, {".github/pr-review.yml": CONFIG, **moved})
    with fake.lock:
        scenario.pull.files[:] = files_from_diff(scenario.git_diff())
        scenario.pull.head_sha, scenario.pull.base_sha = scenario.head_sha, scenario.base_sha

    assert review(scenario, claude) == []

    [carried] = [f for f in scenario.findings() if "claude" in f["sources"]]
    assert carried["location"]["start_line"] == line + 3
    assert model_review_event(scenario)["carried"][0]["path"] == "app/tool.py"


def test_a_carried_finding_that_does_not_find_its_lines_has_its_file_reviewed_again(
    pull: Scenario, claude: FakeAnthropic
) -> None:
    review(pull, claude)
    [summary] = pull.summaries()
    _, payload, _ = summary_state(pull).split(".")
    document = json.loads(zlib.decompress(base64.b64decode(payload)))
    document["u"]["app/mod01.py"]["f"][0]["a"] = "0" * 32  # its lines read otherwise now
    edited = base64.b64encode(zlib.compress(json.dumps(document).encode())).decode()
    set_summary_body(pull, summary["body"].replace(payload, edited))
    pull.push({"app/mod03.py": module(3, extra="TIMEOUT = 5\n")})

    assert review(pull, claude) == ["app/mod01.py", "app/mod03.py"]
    assert claude_paths(pull) == sorted(FILES)  # its finding is not lost: the model reported it again


def test_a_tampered_state_block_costs_a_full_review_and_carries_nothing(pull: Scenario, claude: FakeAnthropic) -> None:
    review(pull, claude, PR_REVIEW_AUDIT_KEY=AUDIT_KEY)
    [summary] = pull.summaries()
    _, payload, mac = summary_state(pull).split(".")
    document = json.loads(zlib.decompress(base64.b64decode(payload)))
    for unit in document["u"].values():
        unit["f"] = []  # "nothing was found here": would silence every finding if it were believed
    forged = base64.b64encode(zlib.compress(json.dumps(document).encode())).decode()
    set_summary_body(pull, summary["body"].replace(f"{payload}.{mac}", f"{forged}.{mac}"))

    sent = review(pull, claude, PR_REVIEW_AUDIT_KEY=AUDIT_KEY)

    assert sent == sorted(FILES)
    assert model_review_event(pull)["carried"] == []
    assert model_review_event(pull)["mode"].startswith("full: state block HMAC does not match")


def test_a_state_signed_with_another_key_is_not_used(pull: Scenario, claude: FakeAnthropic) -> None:
    review(pull, claude, PR_REVIEW_AUDIT_KEY=AUDIT_KEY)

    assert review(pull, claude, PR_REVIEW_AUDIT_KEY="z" * 32) == sorted(FILES)
    assert "HMAC does not match" in model_review_event(pull)["mode"]


def test_an_unsigned_state_is_refused_once_a_key_is_set(pull: Scenario, claude: FakeAnthropic) -> None:
    review(pull, claude)

    assert review(pull, claude, PR_REVIEW_AUDIT_KEY=AUDIT_KEY) == sorted(FILES)
    assert "not signed" in model_review_event(pull)["mode"]


def test_a_state_block_in_another_users_comment_is_ignored(
    pull: Scenario, claude: FakeAnthropic, fake: FakeGitHub
) -> None:
    review(pull, claude)
    [summary] = pull.summaries()
    pull.pull.issue_comments.clear()  # the bot's summary is gone; mallory posts a copy of it
    fake.add_issue_comment(7, summary["body"], user="mallory")

    assert review(pull, claude) == sorted(FILES)
    assert model_review_event(pull)["mode"] == "full: no earlier review state on the pull request"


def test_without_a_key_a_state_block_by_another_bot_is_not_used(
    pull: Scenario, claude: FakeAnthropic, fake: FakeGitHub
) -> None:
    review(pull, claude)
    [summary] = pull.summaries()
    pull.pull.issue_comments.clear()  # another app (any bot counts as ours for an installation token)
    fake.add_issue_comment(7, summary["body"], user="echo-app[bot]")

    assert review(pull, claude) == sorted(FILES)
    assert model_review_event(pull)["mode"] == f"full: {UNPINNED_STATE}"


def test_full_flag_sends_every_file(pull: Scenario, claude: FakeAnthropic) -> None:
    review(pull, claude)

    assert review(pull, claude, "--full") == sorted(FILES)
    assert model_review_event(pull)["mode"] == "full: requested (--full / full-review)"
    assert summary_state(pull)  # and leaves a state for the next push


def test_a_configuration_change_sends_every_file(pull: Scenario, claude: FakeAnthropic) -> None:
    review(pull, claude)

    assert review(pull, claude, "--fail-on", "critical") == sorted(FILES)
    assert model_review_event(pull)["mode"].startswith("full: the configuration")


def test_over_budget_the_riskiest_files_go_first_and_the_rest_are_listed(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, claude: FakeAnthropic
) -> None:
    padding = "".join(f"NOTE_{n} = {n}\n" for n in range(150))
    files = {
        "app/auth/login.py": module(1, extra="def check_password(p):\n    return p\n"),
        "docs/notes.py": module(2, extra=padding),
        "misc/strings.py": module(3, extra=padding),
    }
    # What every request spends before any code (the fixed prompt, the tool definitions, ~120 tokens
    # of PR text), then room for the small, risky file (~100 tokens) but not a padded one (~500).
    budget = fixed_overhead(None, MetaBlock("", (), False), lookups=True) // CHARS_PER_TOKEN + 400
    config = CONFIG + f"claude:\n  max_input_tokens: {budget}\n"
    scenario = build_scenario(fake, repo, tmp_path, head_files=files, base_config=config)

    assert review(scenario, claude) == ["app/auth/login.py"]

    document = json.loads((scenario.results / "findings.json").read_text(encoding="utf-8"))
    skipped = {n["path"]: n["reason"] for n in document["not_reviewed"] if n.get("analyzer") == "claude"}
    assert sorted(skipped) == ["docs/notes.py", "misc/strings.py"]
    for reason in skipped.values():
        assert f"claude.max_input_tokens {budget:,}" in reason
        assert "riskier files were reviewed first" in reason
    assert "docs/notes.py" in (scenario.results / "summary.md").read_text(encoding="utf-8")
    assert model_review_event(scenario)["over_budget"] == ["docs/notes.py", "misc/strings.py"]


def test_over_max_requests_the_riskiest_files_are_sent(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, claude: FakeAnthropic
) -> None:
    padding = "".join(f"NOTE_{n} = {n}\n" for n in range(150))
    files = {
        "app/auth/login.py": module(1, extra=padding),
        "app/routes/api.py": module(2, extra=padding),
        "misc/strings.py": module(3, extra=padding),
    }
    # Beyond what every request spends before any code, ~1,000 tokens of code a request: one padded
    # file (~700 tokens) each, and two requests allowed.
    budget = fixed_overhead(None, MetaBlock("", (), False), lookups=True) // CHARS_PER_TOKEN + 1100
    config = CONFIG + f"claude:\n  token_budget: {budget}\n  max_requests: 2\n"
    scenario = build_scenario(fake, repo, tmp_path, head_files=files, base_config=config)

    assert review(scenario, claude) == ["app/auth/login.py", "app/routes/api.py"]
    assert len(claude.message_requests()) == 2
    assert model_review_event(scenario)["over_budget"] == ["misc/strings.py"]


def test_the_cost_is_in_findings_json_and_the_summary(pull: Scenario, claude: FakeAnthropic) -> None:
    def cached(request: dict[str, Any]) -> dict[str, Any]:
        answer = one_finding_per_file(request)
        answer["usage"] |= {"cache_read_input_tokens": 2000, "cache_creation_input_tokens": 500}
        return answer

    claude.responder = cached
    review(pull, claude)

    document = json.loads((pull.results / "findings.json").read_text(encoding="utf-8"))
    [meta] = [a["metadata"] for a in document["analyzers"] if a["name"] == "claude"]
    tokens_in, tokens_out = int(meta["input_tokens"]), int(meta["output_tokens"])
    read, written = int(meta["cache_read_tokens"]), int(meta["cache_write_tokens"])
    assert (read, written) == (2000, 500)
    expected = (tokens_in * 3 + tokens_out * 15 + read * 0.3 + written * 3.75) / 1e6
    assert float(meta["cost_usd"]) == pytest.approx(expected)
    assert meta["review_mode"] == "full: no earlier review state on the pull request"
    assert "2,000 cache reads, 500 cache writes" in (pull.results / "summary.md").read_text(encoding="utf-8")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300) | st.from_regex(r"1\.[A-Za-z0-9+/=]{0,200}\.[0-9a-f]{0,64}", fullmatch=True))
def test_any_state_text_decodes_or_is_rejected_without_crashing(text: str) -> None:
    for key in (None, b"k" * 32):
        assert isinstance(decode(text, "octo/app#7", key), Rejected)


def reads_the_helper_first(request: dict[str, Any]) -> dict[str, Any]:
    """A model that looks at lib/helper.py before it answers, as one_finding_per_file does."""
    if len(request["messages"]) == 1:
        return tool_use_response({"path": "lib/helper.py"}, name="read_file")
    return one_finding_per_file(request)


def test_a_file_reviewed_with_a_lookup_is_reviewed_again_when_the_lookup_answers_otherwise(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    helper = {"lib/helper.py": "def helper(name):\n    return name\n"}
    scenario = build_scenario(fake, repo, tmp_path, base_files=helper, head_files=FILES, base_config=CONFIG)
    with fake_anthropic_server(responder=reads_the_helper_first) as claude:
        assert review(scenario, claude) == sorted([*FILES, *FILES])  # each request: a lookup turn, then the answer

        scenario.push({"app/mod03.py": module(3, extra="TIMEOUT = 5\n")})
        assert review(scenario, claude) == ["app/mod03.py"] * 2  # the helper reads as it did: carried

        scenario.push({"lib/helper.py": "def helper(name):\n    return shlex.quote(name)\n"})
        sent = set(review(scenario, claude))

    assert sent == {*FILES, "lib/helper.py"}  # every file reviewed with the old helper is reviewed again
    assert claude_paths(scenario) == sorted(FILES)


def test_a_finding_on_a_file_left_out_by_the_budget_is_not_reported_resolved(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, claude: FakeAnthropic
) -> None:
    padding = "".join(f"NOTE_{n} = {n}\n" for n in range(150))
    budget = fixed_overhead(None, MetaBlock("", (), False), lookups=True) // CHARS_PER_TOKEN + 400
    config = CONFIG + f"claude:\n  max_input_tokens: {budget}\n"
    files = {"app/auth/login.py": module(1), "docs/notes.py": module(2, extra=padding)}
    scenario = build_scenario(fake, repo, tmp_path, head_files=files, base_config=config)
    assert review(scenario, claude) == ["app/auth/login.py"]
    [earlier] = [f["fingerprint"] for f in scenario.findings() if f["location"]["path"] == "app/auth/login.py"]

    scenario.push({"app/auth/login.py": module(1, extra=padding)})  # now over the budget too
    assert review(scenario, claude) == []

    [summary] = scenario.summaries()
    assert "Resolved since the last run" not in summary["body"]  # Claude did not read the file this time
    record = re.search(r"fingerprints=(\S*)", summary["body"].rsplit("\n", 1)[-1])
    assert record is not None
    assert earlier in record.group(1).split(",")  # still open for the next run


@pytest.mark.parametrize(("findings", "reads", "kept"), [(100, 64, True), (101, 0, False), (0, 65, False)])
def test_a_unit_is_kept_only_when_the_next_run_will_accept_its_state(findings: int, reads: int, kept: bool) -> None:
    """A file reviewed over several requests can gather more findings or lookups than a state
    holds: such a unit is left out (reviewed again), never written into a state the next run refuses."""
    unit = UnitState(
        "a" * 64,
        "1@abc",
        ((1, 5),),
        tuple(CarriedFinding({"title": f"t{n}"}, "b" * 64) for n in range(findings)),
        tuple(ToolRead("head", f'{{"tool":"read_file","n":{n}}}', "c" * 64) for n in range(reads)),
    )
    assert fits_a_unit("app/a.py", unit) is kept
    decoded = decode(encode(ReviewState("d" * 64, {"app/a.py": unit}), "octo/app#7", None), "octo/app#7", None)
    assert isinstance(decoded, Rejected) is not kept
