"""Semgrep on the changed files at head, with local (or registry) rules; diff-aware."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pr_review import rulepack
from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus, ReviewInput
from pr_review.config import BUNDLED_RULES
from pr_review.errors import ToolError
from pr_review.fingerprint import code_fingerprint, rule_key
from pr_review.models import CodeLocation, Finding, Severity, Source
from pr_review.process import run_tool
from pr_review.scope import NotReviewed

logger = logging.getLogger(__name__)

_BASE_SEVERITY = {"ERROR": Severity.HIGH, "WARNING": Severity.MEDIUM, "INFO": Severity.LOW}
_CONFIDENCE = {"HIGH": 0.9, "MEDIUM": 0.75, "LOW": 0.5}
_REGISTRY_ID = re.compile(r"^(p|r|s)/[\w./-]+$")
_TARGETS_PER_CALL = 500  # keeps argv far below the OS limit
_FIRST_SENTENCE = re.compile(r"^(.{10,160}?[.!?])(\s|$)")


def semgrep_binary() -> str:
    beside_python = Path(sys.executable).with_name("semgrep")
    return str(beside_python) if beside_python.exists() else "semgrep"


def severity_of(semgrep_severity: str, metadata: Mapping[str, Any]) -> Severity:
    """ERROR→high, WARNING→medium, INFO→low; rule metadata moves it one step either way."""
    severity = _BASE_SEVERITY.get(semgrep_severity.upper(), Severity.MEDIUM)
    impact = str(metadata.get("impact", "")).upper()
    likelihood = str(metadata.get("likelihood", "")).upper()
    order = list(Severity)
    if impact == "HIGH" and likelihood == "HIGH" and severity is Severity.HIGH:
        return Severity.CRITICAL
    if impact == "LOW" and severity.rank > Severity.LOW.rank:
        return order[severity.rank - 1]
    return severity


def _title(check_id: str, message: str, metadata: Mapping[str, Any]) -> str:
    if isinstance(metadata.get("title"), str):
        return str(metadata["title"])[:300]
    match = _FIRST_SENTENCE.match(message.strip())
    if match:
        return match.group(1)
    return (message.strip() or check_id)[:160]


def _help_uri(metadata: Mapping[str, Any]) -> str:
    for key in ("source", "references"):
        value = metadata.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str) and value.startswith("https://"):
            return value
    return ""


def _whole_line_fix(text: str, result: Mapping[str, Any], fix: object) -> str | None:
    """Semgrep's `fix` replaces a column range; a suggestion replaces whole lines."""
    if not isinstance(fix, str):
        return None
    try:
        start, end = int(result["start"]["offset"]), int(result["end"]["offset"])
    except (KeyError, TypeError, ValueError):
        return None
    encoded = text.encode()  # semgrep offsets count bytes
    line_start = encoded.rfind(b"\n", 0, start) + 1
    line_end = encoded.find(b"\n", end)
    line_end = len(encoded) if line_end == -1 else line_end
    fixed = encoded[line_start:start] + fix.encode() + encoded[end:line_end]
    return fixed.decode("utf-8", errors="replace")


def resolve_rule_paths(entries: Sequence[str], base: Path) -> tuple[list[Path], list[str]]:
    """semgrep.config entries → local rule paths ('bundled' is the pack's folder) and registry ids."""
    local: list[Path] = []
    registry: list[str] = []
    for entry in entries:
        if entry == BUNDLED_RULES:
            local.append(rulepack.RULES_DIR)
        elif _REGISTRY_ID.match(entry):
            registry.append(entry)
        else:
            local.append((base / entry).resolve())
    return local, registry


class SemgrepAnalyzer:
    name = "semgrep"

    def __init__(self, *, environ: Mapping[str, str] | None = None) -> None:
        self._environ = dict(environ if environ is not None else os.environ)

    def _configs(self, review: ReviewInput) -> list[str]:
        local, registry = resolve_rule_paths(review.config.semgrep.config, review.repo_root or Path.cwd())
        bundled = [str(rulepack.merged_pack())] if BUNDLED_RULES in review.config.semgrep.config else []
        return bundled + [str(p) for p in local if p != rulepack.RULES_DIR] + registry

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        started = time.monotonic()
        settings = review.config.semgrep
        if not settings.enabled:
            return AnalyzerResult(self.name, AnalyzerStatus.SKIPPED, detail="disabled by semgrep.enabled")
        targets = [f.path for f in review.scope.files]
        if not targets:
            return AnalyzerResult(self.name, AnalyzerStatus.SKIPPED, detail="no files to scan")
        configs = self._configs(review)
        results: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        try:
            for index in range(0, len(targets), _TARGETS_PER_CALL):
                document = self._run(configs, targets[index : index + _TARGETS_PER_CALL], review)
                results.extend(document.get("results", []))
                errors.extend(document.get("errors", []))
        except ToolError as exc:
            return AnalyzerResult(
                self.name, AnalyzerStatus.FAILED, detail=str(exc), duration_s=time.monotonic() - started
            )
        findings = self._findings(results, review)
        not_reviewed, config_errors = self._classify_errors(errors)
        duration = time.monotonic() - started
        if config_errors:
            return AnalyzerResult(
                self.name,
                AnalyzerStatus.FAILED,
                findings=findings,
                detail="semgrep reported errors: " + "; ".join(config_errors[:3]),
                duration_s=duration,
                not_reviewed=not_reviewed,
            )
        detail = f"{len(configs)} rule config(s), {len(targets)} file(s)"
        if not_reviewed:
            detail += f", {len(not_reviewed)} file(s) with errors"
        return AnalyzerResult(
            self.name,
            AnalyzerStatus.OK,
            findings,
            detail,
            duration,
            not_reviewed,
            metadata=(("configs", ", ".join(review.config.semgrep.config)),),
        )

    def _run(self, configs: Sequence[str], targets: Sequence[str], review: ReviewInput) -> dict[str, Any]:
        timeout = review.config.semgrep.timeout_s
        argv = [
            semgrep_binary(),
            "scan",
            "--json",
            "--metrics=off",
            "--disable-version-check",
            "--disable-nosem",  # a PR must not silence findings with its own `nosemgrep` comments
            "--no-git-ignore",
            "--no-rewrite-rule-ids",  # report `pr-review.python.sqli`, not the config file's path before it
            "--max-target-bytes=0",
            f"--timeout={max(5, int(timeout / 4))}",
        ]
        for config in configs:
            argv += ["--config", config]
        argv += ["--", *(f"./{t}" for t in targets)]
        env = {
            # semgrep-core shells out to `uname` and keeps settings under $HOME: both must exist.
            "PATH": os.defpath,
            "HOME": tempfile.gettempdir(),
            **self._environ,
            "SEMGREP_ENABLE_VERSION_CHECK": "0",
            "SEMGREP_SEND_METRICS": "off",
        }
        output = run_tool(argv, timeout=timeout, cwd=review.workdir, env=env, ok_codes=frozenset(range(0, 256)))
        try:
            document: dict[str, Any] = json.loads(output.stdout)
        except ValueError as exc:
            raise ToolError(
                f"semgrep exited with status {output.returncode} without a JSON report: "
                f"{output.stderr_tail[-300:] or 'no output'}"
            ) from exc
        if output.returncode not in (0, 1) and not document.get("results") and document.get("errors"):
            first = document["errors"][0]
            # Rule errors carry long_msg/short_msg (and where), not message.
            message = first.get("message") or first.get("long_msg") or first.get("short_msg") or first
            spans = first.get("spans") or [{}]
            where = spans[0].get("file", "") if isinstance(spans[0], dict) else ""
            raise ToolError(
                f"semgrep failed (status {output.returncode}): {message}" + (f" (in {where})" if where else "")
            )
        return document

    def _classify_errors(self, errors: list[dict[str, Any]]) -> tuple[tuple[NotReviewed, ...], list[str]]:
        per_file: list[NotReviewed] = []
        general: list[str] = []
        for error in errors:
            message = str(error.get("message", error.get("type", "unknown error"))).strip().splitlines()[0][:200]
            path = error.get("path")
            if isinstance(path, str):
                kind = error.get("type", "error")
                kind = kind[0] if isinstance(kind, list) else kind
                per_file.append(NotReviewed(path.removeprefix("./"), f"semgrep {kind}: {message}", "semgrep"))
            elif str(error.get("level", "error")).lower() == "error":
                general.append(message)
            else:
                logger.info("semgrep warning: %s", message)
        return tuple(per_file), general

    def _findings(self, results: list[dict[str, Any]], review: ReviewInput) -> tuple[Finding, ...]:
        findings: list[Finding] = []
        keep_all = review.config.semgrep.scope == "changed_files"
        for result in results:
            path = str(result.get("path", "")).removeprefix("./")
            changed = review.scope.change.file(path)
            if changed is None or path not in review.scope.contents:
                continue
            start = int(result["start"]["line"])
            end = max(int(result["end"]["line"]), start)
            in_diff = changed.touches_added(start, end)
            if not in_diff and not keep_all:
                continue
            extra: dict[str, Any] = result.get("extra", {})
            metadata: dict[str, Any] = extra.get("metadata", {}) or {}
            check_id = str(result.get("check_id", "semgrep"))
            # Without a Semgrep login extra.lines reads "requires login": take the lines from the file.
            lines = review.scope.lines(path)[start - 1 : end]
            content = "\n".join(lines)
            cwe = rulepack.cwe_ids(metadata.get("cwe"))
            message = str(extra.get("message", "")).strip()
            findings.append(
                Finding(
                    fingerprint=code_fingerprint(rule_key(cwe, [check_id]), path, content),
                    sources=(Source.SEMGREP.value,),
                    rule_ids=(check_id,),
                    title=_title(check_id, message, metadata),
                    severity=severity_of(str(extra.get("severity", "WARNING")), metadata),
                    confidence=_CONFIDENCE.get(str(metadata.get("confidence", "")).upper(), 0.7),
                    cwe=cwe,
                    location=CodeLocation(path, start, end),
                    in_diff=in_diff,
                    description=message,
                    recommendation=str(metadata.get("recommendation", "")),
                    suggested_fix=_whole_line_fix(review.scope.text(path), result, extra.get("fix")),
                    evidence=content[:2000],
                    help_uri=_help_uri(metadata),
                )
            )
        return tuple(findings)
