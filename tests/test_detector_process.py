"""Memory on a large change (issue 19, scale): the detectors (CredSweeper's ML model, presidio's
recognizers: ~200 MB a Python process never gives back) run in a child process that has exited
before Semgrep starts, and Semgrep scans in one process, so the two are never held together.

Watched from outside, in a fresh interpreter: a pytest process has usually loaded the detectors for
other tests already, and then a review keeps them where they are (nothing left to save)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import GitRepo
from test_secrets import ACCESS_KEY, EMAIL, SETTINGS_PY

from pr_review.classify.detect import detect_lines
from pr_review.cli import main

ENV = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
SQLI = """import sqlite3


def search(name):
    db = sqlite3.connect("app.db")
    return db.execute("SELECT * FROM users WHERE name = '" + name + "'").fetchall()
"""

# Runs `pr-review` as its console script does, sampling every 10 ms, while a Semgrep process runs
# under the review, whether the review's own process has loaded the detectors and which processes
# run under it.
PROBE = r"""
import json
import os
import sys
import threading

from pr_review.cli import main


def descendants(pid):
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                children = [int(c) for c in handle.read().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return found


def command(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


samples = []
done = threading.Event()


def sample():
    while not done.is_set():
        # Looked at before the processes: once imported a module stays, and the leak guard, after
        # Semgrep, may import them while this thread waits for the interpreter lock.
        loaded = sorted(m for m in ("credsweeper", "presidio_analyzer") if m in sys.modules)
        commands = [c for c in map(command, descendants(os.getpid())) if c]
        # A Semgrep program by name, run directly or by its interpreter (the test's temporary paths,
        # in other commands' arguments, say "semgrep" too).
        if any("semgrep" in os.path.basename(word) for c in commands for word in c.split(" ")[:2]):
            samples.append({"loaded": loaded, "processes": commands})
        done.wait(0.01)


if __name__ == "__main__":
    threading.Thread(target=sample, daemon=True).start()
    code = main(sys.argv[2:])
    done.set()
    with open(sys.argv[1], "w") as out:
        json.dump({"code": code, "samples": samples}, out)
"""


def _change(repo: GitRepo) -> str:
    base = repo.commit({"README.md": "service\n"}, "base")
    repo.commit({"app/settings.py": SETTINGS_PY, "app/search.py": SQLI}, "settings and search")
    return base


def _probed_scan(repo: GitRepo, base: str, out: Path, tmp_path: Path) -> dict[str, Any]:
    probe, report = tmp_path / "probe.py", tmp_path / "probe.json"
    probe.write_text(PROBE, encoding="utf-8")
    argv = [sys.executable, str(probe), str(report), "scan", str(repo.path), "--base", base, "--out", str(out)]
    subprocess.run(argv, env=ENV, capture_output=True, check=True, timeout=600)
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def _what_was_found(out: Path) -> dict[str, Any]:
    report = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    findings = sorted(
        (f["fingerprint"], f["rule_ids"], f["location"], f["evidence"], f["severity"]) for f in report["findings"]
    )
    return {"findings": findings, "data_policy": report["data_policy"], "exit_code": report["exit_code"]}


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_semgrep_runs_after_the_detectors_process_has_exited_and_alone(repo: GitRepo, tmp_path: Path) -> None:
    base = _change(repo)
    out = tmp_path / "out"
    probe = _probed_scan(repo, base, out, tmp_path)
    assert probe["code"] == 0
    found = _what_was_found(out)
    rules = {rule for finding in found["findings"] for rule in finding[1]}
    # The detectors did run (in their own process): the key and the address were found and redacted.
    assert {"secrets.aws-access-key", "pr-review.personal-data.email"} <= rules
    assert any(r["kind"] == "aws-access-key" for r in found["data_policy"]["redactions"])
    assert any("sql" in rule for rule in rules)  # Semgrep ran too
    raw = (out / "findings.json").read_text(encoding="utf-8")
    assert ACCESS_KEY not in raw
    assert EMAIL not in raw
    samples = probe["samples"]
    assert samples, "no Semgrep process was seen under the review"
    for sample in samples:
        assert sample["loaded"] == [], "the review process held the detectors while Semgrep ran"
        # No detectors' child (a spawned worker), no Python front end of Semgrep beside the engine.
        assert not [p for p in sample["processes"] if "spawn_main" in p or "pysemgrep" in p], sample


@pytest.mark.slow
def test_the_detectors_process_finds_what_the_review_process_would(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = _change(repo)
    in_child = tmp_path / "child"
    _probed_scan(repo, base, in_child, tmp_path)
    detect_lines([f'key = "{ACCESS_KEY}"'])  # loaded here: this review keeps them in this process
    in_process = tmp_path / "here"
    main(["scan", str(repo.path), "--base", base, "--out", str(in_process)], environ=ENV)
    capsys.readouterr()
    assert _what_was_found(in_child) == _what_was_found(in_process)
    assert _what_was_found(in_child)["data_policy"]["redactions"]
