"""`pr-review eval export`: real reviews become cases, so the suite grows from what reviewers decided.

From each verified audit trail: a finding that was reported and never dismissed becomes a
vulnerable case (`confirmed`); a finding a reviewer dismissed becomes a safe case, with the
dismissal's author and reason. The code is the finding's file at the run's base and head commits,
read from the git repository (`--repo`); the CWE comes from the findings.json beside the trail.
Every case records where it came from and what a human must check before it joins a suite
(docs/eval.md): an exported label is a reviewer's decision, not a verified truth.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pr_review.audit_verify import read_events, verify
from pr_review.errors import ToolError, UsageError
from pr_review.eval.suite import CASE_FILE, CASE_SCHEMA
from pr_review.gather.local_git import git
from pr_review.no_follow import write_new
from pr_review.validate import check

REPORTED = frozenset({"new", "existing"})
MAX_FINDINGS_JSON_BYTES = 64 * 1024 * 1024
_LANGUAGES = {
    ".py": "python",
    ".js": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".go": "go",
    ".java": "java",
    ".rb": "ruby",
    ".php": "php",
    ".cs": "csharp",
    ".kt": "kotlin",
    ".rs": "rust",
}
CHECK_CONFIRMED = (
    "the flaw is real and at flaw_line (a finding nobody dismissed is not a confirmed flaw)",
    "the cwe names the flaw's class",
    "head/ holds what is needed to see the flaw (other files the flaw depends on)",
    "no secret or personal data of the reviewed repository is in base/ or head/",
)
CHECK_DISMISSED = (
    "the dismissal says the finding was wrong (an accepted risk is still a flaw: then it is not a safe case)",
    "head/ holds what is needed to see why the code is safe",
    "no secret or personal data of the reviewed repository is in base/ or head/",
)


@dataclass(frozen=True, slots=True)
class _Decided:
    fingerprint: str
    path: str
    line: int
    sources: tuple[str, ...]
    rule_ids: tuple[str, ...]
    run: dict[str, Any]
    dismissal: dict[str, Any] | None  # None: confirmed


def export_cases(
    audit_files: Sequence[Path], repo: Path, out: Path, findings_files: Sequence[Path], key: bytes | None
) -> Iterator[str]:
    """Write one case per decided finding under out; yield one line per case written or left out.
    CWEs come from findings_files, and from the findings.json beside each audit file."""
    for audit_file in audit_files:
        if not audit_file.is_file():
            raise UsageError(f"{audit_file}: no such audit file")
        checked = verify(audit_file, key)
        if not checked.ok:
            raise UsageError(f"{audit_file}: TAMPERED or damaged — {checked.problem}: nothing exported from it")
    for path in findings_files:
        if not path.is_file():
            raise UsageError(f"{path}: no such findings file")
    out.mkdir(parents=True, exist_ok=True)
    given: dict[str, str] = {}
    for path in findings_files:
        given |= _cwes(path)
    for audit_file in audit_files:
        cwes = _cwes(audit_file.parent / "findings.json") | given
        for decided in _decided(audit_file):
            yield _write_case(decided, cwes.get(decided.fingerprint), repo, out)


def _decided(audit_file: Path) -> list[_Decided]:
    runs: dict[str, dict[str, Any]] = {}
    findings: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # fingerprint → (finding data, run)
    dismissals: dict[str, dict[str, Any]] = {}
    for event in read_events(audit_file):
        data, run_id = event["data"], event["run_id"]
        if event["event"] == "run_started":
            runs[run_id] = data
        elif event["event"] == "dismissal":
            dismissals[data["fingerprint"]] = data
        elif event["event"] == "finding" and data["path"] and data["line"] and run_id in runs:
            findings[data["fingerprint"]] = (data, runs[run_id])
    return [
        _Decided(
            fingerprint,
            data["path"],
            data["line"],
            tuple(data["sources"]),
            tuple(data["rule_ids"]),
            run,
            dismissals.get(fingerprint),
        )
        for fingerprint, (data, run) in sorted(findings.items())
        if data["status"] in REPORTED or fingerprint in dismissals
    ]


def _cwes(findings_json: Path) -> dict[str, str]:
    """fingerprint → first CWE, from the results' findings.json (any object with both keys)."""
    if not findings_json.is_file() or findings_json.stat().st_size > MAX_FINDINGS_JSON_BYTES:
        return {}
    try:
        document = json.loads(findings_json.read_bytes())
    except (ValueError, RecursionError):
        return {}
    found: dict[str, str] = {}
    stack: list[Any] = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            cwe, fingerprint = item.get("cwe"), item.get("fingerprint")
            if isinstance(fingerprint, str) and isinstance(cwe, list) and cwe and isinstance(cwe[0], str):
                found.setdefault(fingerprint, cwe[0])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _show(repo: Path, sha: str | None, path: str) -> bytes | None:
    if not sha:
        return None
    try:
        return git(repo, "show", f"{sha}:{path}")
    except ToolError:
        return None


def _write_case(decided: _Decided, cwe: str | None, repo: Path, out: Path) -> str:
    status = "confirmed" if decided.dismissal is None else "dismissed"
    case_id = f"exported-{status}-{decided.fingerprint[:16]}"
    where = f"{case_id} ({decided.path}:{decided.line})"
    relative = PurePosixPath(decided.path)
    if relative.is_absolute() or ".." in relative.parts:
        return f"left out {where}: its path leaves the repository"
    if cwe is None:
        return f"left out {where}: no CWE for it (give the run's findings.json with --findings)"
    run = decided.run
    head = _show(repo, run.get("head_sha"), decided.path)
    if head is None:
        return f"left out {where}: the file is not in {repo} at the run's head commit {run.get('head_sha')}"
    directory = out / case_id
    if directory.exists():
        return f"left out {where}: {directory} exists"
    label: dict[str, Any] = {
        "language": _LANGUAGES.get(relative.suffix, relative.suffix.lstrip(".") or "text"),
        "cwe": cwe,
        "vulnerable": decided.dismissal is None,
        "file": decided.path,
        "flaw_line": decided.line,
        "exported": {
            "status": status,
            "repository": run.get("repository"),
            "pr": run.get("pr"),
            "base_sha": run.get("base_sha"),
            "head_sha": run.get("head_sha"),
            "fingerprint": decided.fingerprint,
            "sources": list(decided.sources),
            "rule_ids": list(decided.rule_ids),
            "dismissal": decided.dismissal,
            "check": list(CHECK_CONFIRMED if decided.dismissal is None else CHECK_DISMISSED),
        },
    }
    check(label, CASE_SCHEMA)
    # The case's folders are made here (never an existing one) and no file is opened through a link.
    (directory / "head" / relative).parent.mkdir(parents=True)
    write_new(directory / "head" / relative, head)
    (directory / "base").mkdir()
    base = _show(repo, run.get("base_sha"), decided.path)
    if base is not None:
        (directory / "base" / relative).parent.mkdir(parents=True, exist_ok=True)
        write_new(directory / "base" / relative, base)
    write_new(directory / CASE_FILE, (json.dumps(label, indent=2) + "\n").encode())
    return f"wrote {directory} ({'vulnerable' if decided.dismissal is None else 'safe'}, {cwe}): check it"
