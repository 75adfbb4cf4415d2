"""Reviews an auditor can replay: `audit.capture: full` through `pr-review scan --out`, then
`pr-review audit show --request` and `pr-review replay`, against the loopback Anthropic fake."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from claude_support import finds_every_added_region
from conftest import GitRepo
from fakes import FakeAnthropic, fake_anthropic_server, tool_use_response
from hypothesis import given
from hypothesis import strategies as st

from pr_review.cli import main
from pr_review.replay import compare, reported_findings

VIEW = """from flask import request


def search(conn):
    customer = request.args.get("customer", "")
    query = "SELECT id FROM invoices WHERE customer = '" + customer + "'"
    return conn.execute(query).fetchall()
"""


@pytest.fixture
def anthropic() -> Iterator[FakeAnthropic]:
    with fake_anthropic_server() as server:
        server.responder = finds_every_added_region
        yield server


def environ(fake: FakeAnthropic) -> dict[str, str]:
    return {"ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": fake.url, "PATH": os.environ.get("PATH", "")}


def scan(repo: GitRepo, tmp_path: Path, fake: FakeAnthropic, capture: str) -> Path:
    """A reviewed change (Claude only: Semgrep plays no part in a replay) with its results directory."""
    config = tmp_path / f"{capture}.yml"
    config.write_text(f"semgrep:\n  enabled: false\naudit:\n  capture: {capture}\n")
    base = repo.commit({"README.md": "invoices\n"})
    head = repo.commit({"app/views.py": VIEW})
    out = tmp_path / f"results-{capture}"
    argv = ["scan", str(repo.path), "--base", base, "--head", head, "--out", str(out), "--config", str(config)]
    assert main(argv, environ=environ(fake)) == 0
    return out


def exchanges(results: Path) -> list[tuple[str, str]]:
    events = [json.loads(line) for line in (results / "audit.jsonl").read_text().splitlines()]
    return [
        (event["event"], event["data"][f"{event['event'].removeprefix('model_')}_sha256"])
        for event in events
        if event["event"] in ("model_request", "model_response")
    ]


def test_full_capture_keeps_exactly_the_bytes_the_trail_hashes(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic
) -> None:
    results = scan(repo, tmp_path, anthropic, "full")
    recorded = exchanges(results)
    assert [kind for kind, _ in recorded] == ["model_request", "model_response"]
    for _, sha in recorded:
        assert hashlib.sha256((results / f"{sha}.json").read_bytes()).hexdigest() == sha
    request = json.loads((results / f"{recorded[0][1]}.json").read_bytes())
    # What was stored is what reached the model: the redacted prompt, not the source file.
    assert request["messages"] == anthropic.message_requests()[0]["messages"]
    answer = json.loads((results / f"{recorded[1][1]}.json").read_bytes())
    assert answer["content"][0]["input"]["findings"][0]["path"] == "app/views.py"


def test_hashes_capture_keeps_no_body(repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic) -> None:
    results = scan(repo, tmp_path, anthropic, "hashes")
    assert len(exchanges(results)) == 2
    assert sorted(p.name for p in results.iterdir()) == ["audit.jsonl", "findings.json", "results.sarif", "summary.md"]


def test_audit_show_prints_one_exchange(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    results = scan(repo, tmp_path, anthropic, "full")
    (_, request), (_, response) = exchanges(results)
    capsys.readouterr()
    assert main(["audit", "show", "--request", request, "--results", str(results)], environ={}) == 0
    out = capsys.readouterr().out
    assert f"request {request}" in out
    assert f"response {response}" in out
    assert '"report_findings"' in out
    assert "SELECT id FROM invoices" in out  # the code that was sent, readable
    assert "--- user ---" in out


def test_audit_show_escapes_what_could_drive_the_terminal(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    """The model's own text reaches the terminal unfenced: an escape sequence or a bidi override in
    it is shown escaped. (The PR's code in the request is already neutralised by the prompt.)"""
    anthropic.responder = lambda request: tool_use_response(
        {"findings": []}, text="Reviewed. \x1b]0;owned\x07 \u202eevil"
    )
    results = scan(repo, tmp_path, anthropic, "full")
    (_, request), _ = exchanges(results)
    capsys.readouterr()
    assert main(["audit", "show", "--request", request, "--results", str(results)], environ={}) == 0
    out = capsys.readouterr().out
    assert not {"\x1b", "\x07", "\u202e"} & set(out)
    assert "Reviewed. \\u001b]0;owned\\u0007 \\u202eevil" in out


def replay(results: Path, fake: FakeAnthropic, capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(["replay", str(results), "--json"], environ=environ(fake))
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if code in (0, 1) else captured.err


def test_a_replay_with_the_same_answers_is_the_same(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    results = scan(repo, tmp_path, anthropic, "full")
    code, report = replay(results, anthropic, capsys)
    assert code == 0
    assert report["requests"] == 1
    assert [(f["path"], f["cwe"]) for f in report["same"]] == [("app/views.py", "CWE-89")]
    assert report["only_recorded"] == report["only_replayed"] == []
    # The request sent again is the recorded one, byte for byte in content.
    first, second = anthropic.message_requests()
    assert second == first


def test_a_replay_that_answers_differently_lists_each_difference(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    results = scan(repo, tmp_path, anthropic, "full")
    moved = {"path": "app/views.py", "start_line": 2, "end_line": 2, "cwe": "CWE-79"}
    anthropic.responder = lambda request: tool_use_response(
        {"findings": [{**finds_every_added_region(request)["content"][0]["input"]["findings"][0], **moved}]}
    )
    code, report = replay(results, anthropic, capsys)
    assert code == 1
    assert report["same"] == []
    assert [(f["start_line"], f["cwe"]) for f in report["only_recorded"]] == [(1, "CWE-89")]
    assert [(f["start_line"], f["cwe"]) for f in report["only_replayed"]] == [(2, "CWE-79")]


def test_replay_refuses_a_run_that_kept_only_hashes(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    results = scan(repo, tmp_path, anthropic, "hashes")
    code, err = replay(results, anthropic, capsys)
    assert code == 2
    assert "kept only the hashes of its model exchanges (audit.capture: hashes)" in err
    assert len(anthropic.message_requests()) == 1  # nothing was sent


def test_replay_refuses_a_changed_capture(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    results = scan(repo, tmp_path, anthropic, "full")
    (_, request), _ = exchanges(results)
    body = results / f"{request}.json"
    body.write_bytes(body.read_bytes().replace(b"SELECT id", b"SELECT *"))
    code, err = replay(results, anthropic, capsys)
    assert code == 2
    assert "does not match its sha256: changed after the run (tampered)" in err
    assert len(anthropic.message_requests()) == 1


def test_replay_refuses_a_tampered_audit_trail(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    results = scan(repo, tmp_path, anthropic, "full")
    trail = results / "audit.jsonl"
    trail.write_text(trail.read_text().replace('"chunk":0', '"chunk":1', 1))
    code, err = replay(results, anthropic, capsys)
    assert code == 2
    assert "TAMPERED or damaged" in err


def test_replay_without_a_key_is_a_usage_error(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    results = scan(repo, tmp_path, anthropic, "full")
    capsys.readouterr()
    assert main(["replay", str(results)], environ={"ANTHROPIC_BASE_URL": anthropic.url}) == 2
    assert "cannot replay: no API key" in capsys.readouterr().err


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)
FINDING_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "path": JSON | st.text(max_size=10),
        "start_line": JSON | st.integers(),
        "end_line": JSON | st.integers(),
        "cwe": JSON,
        "title": JSON,
    },
)


@given(
    st.one_of(
        JSON,
        st.builds(
            lambda items, name: {"content": [{"type": "tool_use", "name": name, "input": {"findings": items}}]},
            st.lists(FINDING_LIKE | JSON, max_size=5),
            st.sampled_from(["report_findings", "other"]),
        ),
    )
)
def test_any_recorded_or_replayed_answer_is_read_without_crashing(message: Any) -> None:
    """A captured body is the model's answer: whatever its shape, the comparison reads it."""
    found = reported_findings(message)
    assert all(f.start_line <= f.end_line for f in found)
    same, only_recorded, only_replayed = compare(found, found, 2)
    assert (len(same), only_recorded, only_replayed) == (len(found), (), ())


def test_an_unknown_capture_setting_is_a_configuration_error(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "pr-review.yml"
    config.write_text("audit:\n  capture: everything\n")
    base = repo.commit({"README.md": "invoices\n"})
    head = repo.commit({"app/views.py": VIEW})
    argv = ["scan", str(repo.path), "--base", base, "--head", head, "--config", str(config)]
    assert main(argv, environ={"PATH": os.environ.get("PATH", "")}) == 2
    assert "audit.capture" in capsys.readouterr().err


def test_audit_show_of_a_request_no_run_made_is_a_usage_error(
    repo: GitRepo, tmp_path: Path, anthropic: FakeAnthropic, capsys: pytest.CaptureFixture[str]
) -> None:
    results = scan(repo, tmp_path, anthropic, "full")
    capsys.readouterr()
    assert main(["audit", "show", "--request", "0" * 64, "--results", str(results)], environ={}) == 2
    assert f"request {'0' * 64} is not recorded in {results / 'audit.jsonl'}" in capsys.readouterr().err
    assert main(["audit", "show", "--request", "not-a-sha", "--results", str(results)], environ={}) == 2
    assert "'not-a-sha' is not a sha256" in capsys.readouterr().err
