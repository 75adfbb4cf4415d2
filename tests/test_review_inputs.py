"""Issue 12 §1, issue 13 §4: what configures a review is read at the base commit, through the one
retry layer, and never replaced by defaults because a read failed. Driven through `pr-review run`
on a shallow Actions checkout (the base commit is not local: the contents API is the only source).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE_DIR, GitRepo
from fakes import FakeGitHub
from github_scenario import FAST_CONFIG, Scenario, actions_checkout, build_scenario

CONTENTS = r"/repos/octo/app/contents/.*"
TEAM_RULE = """rules:
  - id: team.no-open-redirect
    languages: [python]
    severity: WARNING
    message: redirect to a URL from the request
    metadata: {cwe: ["CWE-601"]}
    pattern: redirect(request.args.get(...))
"""


def contents_path(path: str) -> str:
    return "/repos/octo/app/contents/" + path.replace(".", r"\.")


def shallow(fake: FakeGitHub, repo: GitRepo, tmp_path: Path, **kwargs: object) -> Scenario:
    scenario = build_scenario(fake, repo, tmp_path, **kwargs)  # type: ignore[arg-type]
    actions_checkout(scenario)
    return scenario


def test_a_502_on_the_base_config_stops_the_review_instead_of_using_defaults(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = shallow(fake, repo, tmp_path, base_config=FAST_CONFIG + "fail_on: low\n")
    fake.fail("GET", contents_path(".github/pr-review.yml"), 502, times=None)

    assert scenario.run() == 3

    err = capsys.readouterr().err
    assert f"error: cannot read .github/pr-review.yml at base commit {scenario.base_sha}: " in err
    assert "GitHub answered 502" in err
    assert "Traceback" not in err
    assert len(fake.requests_matching("GET", contents_path(".github/pr-review.yml"))) == 5, "retried"
    assert [r for r in fake.requests if r.method != "GET"] == [], "nothing posted under a policy not read"


def test_a_transient_502_on_the_base_config_is_retried_and_the_policy_holds(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    scenario = shallow(fake, repo, tmp_path, base_config=FAST_CONFIG + "fail_on: low\n")
    fake.fail("GET", contents_path(".github/pr-review.yml"), 502, times=2)

    assert scenario.run("--no-post") == 1, "fail_on: low from the base, not the defaults"

    assert [r.status for r in fake.requests_matching("GET", contents_path(".github/pr-review.yml"))] == [502, 502, 200]
    summary = (scenario.results / "summary.md").read_text(encoding="utf-8")
    assert f"Configuration: `.github/pr-review.yml (at base {scenario.base_sha[:12]})`." in summary


def test_a_404_at_the_base_means_the_defaults(fake: FakeGitHub, repo: GitRepo, tmp_path: Path) -> None:
    scenario = shallow(fake, repo, tmp_path, base_config=None)

    assert scenario.run("--no-post") == 0

    assert [r.status for r in fake.requests_matching("GET", contents_path(".github/pr-review.yml"))] == [404]
    summary = (scenario.results / "summary.md").read_text(encoding="utf-8")
    assert f"Configuration: `defaults (no .github/pr-review.yml at base {scenario.base_sha[:12]})`." in summary


def test_git_saying_a_file_is_absent_at_the_base_is_final(fake: FakeGitHub, repo: GitRepo, tmp_path: Path) -> None:
    """The base commit is in the workspace: git's answer stands, the API is not asked."""
    scenario = build_scenario(fake, repo, tmp_path, base_config=None)
    fake.fail("GET", CONTENTS, 502, times=None)  # an API outage cannot matter

    assert scenario.run("--no-post") == 0

    assert fake.requests_matching("GET", CONTENTS) == []


@pytest.mark.parametrize(
    ("config", "failing"),
    [
        ("semgrep:\n  config: [bundled, .semgrep/team.yml]\n", ".semgrep/team.yml"),
        ("claude:\n  instructions: .github/review-guide.md\n", ".github/review-guide.md"),
        ("zap:\n  rules_file: .zap/rules.tsv\n", ".zap/rules.tsv"),
    ],
)
def test_a_review_input_that_cannot_be_read_at_the_base_is_exit_3(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, failing: str
) -> None:
    inputs = {".semgrep/team.yml": TEAM_RULE, ".github/review-guide.md": "Check tenancy.\n", ".zap/rules.tsv": ""}
    scenario = shallow(fake, repo, tmp_path, base_config=FAST_CONFIG + config, base_files=inputs)
    fake.fail("GET", contents_path(failing), 500, times=None)

    assert scenario.run("--no-post") == 3

    err = capsys.readouterr().err
    assert f"cannot read {failing} at base commit {scenario.base_sha}: " in err
    assert "GitHub answered 500" in err
    assert not (scenario.results / "findings.json").exists()
    events = [json.loads(line)["event"] for line in (scenario.results / "audit.jsonl").read_text().splitlines()]
    assert events[-2:] == ["error", "run_finished"]


def test_a_head_file_the_api_cannot_serve_is_exit_3_naming_file_and_commit(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No head objects and origin cannot serve them: the contents API is the only source."""
    scenario = build_scenario(fake, repo, tmp_path)
    actions_checkout(scenario, fetchable=False)
    fake.set_contents(scenario.head_sha, {"app/settings.py": repo.git("show", f"{scenario.head_sha}:app/settings.py")})
    fake.fail("GET", contents_path("app/views.py"), 502, times=None)

    assert scenario.run("--no-post") == 3

    err = capsys.readouterr().err
    assert f"error: cannot read app/views.py at head commit {scenario.head_sha}: GitHub answered 502" in err


def test_head_files_come_from_the_api_after_a_transient_error(fake: FakeGitHub, repo: GitRepo, tmp_path: Path) -> None:
    scenario = build_scenario(fake, repo, tmp_path)
    actions_checkout(scenario, fetchable=False)
    head = {p: repo.git("show", f"{scenario.head_sha}:{p}") + "\n" for p in ("app/views.py", "app/settings.py")}
    fake.set_contents(scenario.head_sha, head)
    fake.fail("GET", contents_path("app/views.py"), 502, times=1)

    assert scenario.run("--no-post") == 0

    reads = fake.requests_matching("GET", contents_path("app/views.py"))
    assert [(r.status, r.query["ref"]) for r in reads] == [(502, [scenario.head_sha]), (200, [scenario.head_sha])]
    assert "pr-review.python.sql-injection" in {rule for f in scenario.findings() for rule in f["rule_ids"]}


LOOSENED = "fail_on: none\nsemgrep:\n  enabled: false\nclaude:\n  enabled: false\n"
TEAM_CONFIG = ".github/security/review.yml"


@pytest.mark.parametrize("as_given", ["relative", "absolute"])
def test_a_config_input_inside_the_checkout_is_read_at_the_base_not_from_the_pr(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_given: str
) -> None:
    """The Action's `config:` input names a file of the repository; the PR loosens that file."""
    head = {
        "app/views.py": (EXAMPLE_DIR / "app" / "views.py").read_text(),
        TEAM_CONFIG: LOOSENED,
    }
    scenario = build_scenario(
        fake, repo, tmp_path, base_files={TEAM_CONFIG: FAST_CONFIG + "fail_on: low\n"}, head_files=head
    )
    workspace = actions_checkout(scenario)
    assert (workspace / TEAM_CONFIG).read_text() == LOOSENED, "the checkout holds the PR's version"
    monkeypatch.chdir(workspace)  # where the Action runs
    config = TEAM_CONFIG if as_given == "relative" else str(workspace / TEAM_CONFIG)

    assert scenario.run("--no-post", "--config", config) == 1

    rules = {rule for f in scenario.findings() for rule in f["rule_ids"]}
    assert "pr-review.python.sql-injection" in rules, "Semgrep ran: the PR could not switch it off"
    integrity = [f for f in scenario.findings() if "pr-review.integrity.review-config-changed" in f["rule_ids"]]
    assert [f["location"]["path"] for f in integrity] == [TEAM_CONFIG]
    summary = (scenario.results / "summary.md").read_text(encoding="utf-8")
    assert f"Configuration: `{TEAM_CONFIG} (at base {scenario.base_sha[:12]})`." in summary


def test_a_config_input_outside_the_checkout_is_read_from_disk_and_the_summary_says_so(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    scenario = build_scenario(fake, repo, tmp_path)
    actions_checkout(scenario)
    org_config = tmp_path / "org" / "pr-review.yml"
    org_config.parent.mkdir()
    org_config.write_text(FAST_CONFIG + "fail_on: low\n")

    assert scenario.run("--no-post", "--config", str(org_config)) == 1

    summary = (scenario.results / "summary.md").read_text(encoding="utf-8")
    assert f"Configuration: `{org_config} (outside the checkout)`." in summary
    assert fake.requests_matching("GET", contents_path(".github/pr-review.yml")) == []


def test_a_config_input_the_pr_adds_to_the_checkout_is_a_config_error(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = build_scenario(fake, repo, tmp_path, head_files={TEAM_CONFIG: LOOSENED})
    workspace = actions_checkout(scenario)

    assert scenario.run("--no-post", "--config", str(workspace / TEAM_CONFIG)) == 2

    err = capsys.readouterr().err
    assert f"{TEAM_CONFIG} does not exist at the base commit {scenario.base_sha[:12]}" in err
    assert "hint: a configuration inside the repository is read as it is at the base commit" in err


def test_a_head_file_over_1_mb_is_read_from_the_blobs_api_and_listed_as_too_large(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    """The contents API leaves out the content of a file over 1 MB; it is not "unreadable"."""
    big = "".join(f"ROW_{n:05d} = {'x' * 90!r}\n" for n in range(11_000))
    scenario = build_scenario(fake, repo, tmp_path, head_files={"app/table.py": big})
    actions_checkout(scenario, fetchable=False)
    fake.set_contents(scenario.head_sha, {"app/table.py": big})

    assert scenario.run("--no-post") == 0

    assert len(fake.requests_matching("GET", r"/repos/octo/app/git/blobs/[0-9a-f]{40}")) == 1
    document = json.loads((scenario.results / "findings.json").read_text(encoding="utf-8"))
    reasons = {n["path"]: n["reason"] for n in document["not_reviewed"]}
    assert reasons["app/table.py"].startswith(f"larger than limits.max_file_bytes ({len(big):,} > 1,000,000 bytes)")


def test_a_semgrep_config_input_inside_the_checkout_is_pinned_to_the_base(
    fake: FakeGitHub, repo: GitRepo, tmp_path: Path
) -> None:
    """The workflow passes `--semgrep-config $GITHUB_WORKSPACE/.semgrep/team.yml`; the PR edits
    that rule so it stops matching the redirect it adds."""
    redirect = "from flask import redirect, request\n\n\ndef back():\n    return redirect(request.args.get('next'))\n"
    head = {".semgrep/team.yml": TEAM_RULE.replace("redirect(request", "never_called(request"), "app/back.py": redirect}
    scenario = build_scenario(fake, repo, tmp_path, base_files={".semgrep/team.yml": TEAM_RULE}, head_files=head)
    workspace = actions_checkout(scenario)

    assert scenario.run("--no-post", "--semgrep-config", str(workspace / ".semgrep/team.yml")) == 0

    rules = {rule for f in scenario.findings() for rule in f["rule_ids"]}
    assert "team.no-open-redirect" in rules, "the base's rule, not the PR's edit"
    integrity = [f for f in scenario.findings() if "pr-review.integrity.review-config-changed" in f["rule_ids"]]
    assert [f["location"]["path"] for f in integrity] == [".semgrep/team.yml"]
