"""Semgrep on the changed files at head, with local (or registry) rules; diff-aware.

Files are scanned in a few large batches (up to 1,000 small files, then files over 100 KB together,
last), each batch with an equal share of what is left of semgrep.timeout_s: every Semgrep start-up
parses all the rules again, so batches are large. Each batch runs in Semgrep's OCaml command line, a
single process (`--experimental`), and again in its Python front end when that does not finish
cleanly (see _run). A batch that times out or crashes is split in halves until the slow file is
alone; that file costs only itself, and is listed as not reviewed with the reason. A rule file
Semgrep cannot load is a configuration error (exit 2).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pr_review import rulepack
from pr_review.analyzers.base import AnalyzerBase, AnalyzerResult, AnalyzerStatus, ReviewInput, SemgrepDetails
from pr_review.config import BUNDLED_RULES
from pr_review.errors import ConfigError, ToolError, ToolTimeout
from pr_review.fingerprint import code_fingerprint, rule_key
from pr_review.models import CodeLocation, Finding, Severity, Source
from pr_review.process import ToolOutput, run_tool
from pr_review.scope import NotReviewed

logger = logging.getLogger(__name__)

_BASE_SEVERITY = {"ERROR": Severity.HIGH, "WARNING": Severity.MEDIUM, "INFO": Severity.LOW}
_CONFIDENCE = {"HIGH": 0.9, "MEDIUM": 0.75, "LOW": 0.5}
_REGISTRY_ID = re.compile(r"^(p|r|s)/[\w./-]+$")
_TARGETS_PER_CALL = 1_000  # a few calls for a very large change: start-ups amortised, progress kept
_ARGV_PATH_BYTES = 512 * 1024  # paths per call: far below the OS argv limit (2 MB on Linux)
_LARGE_FILE_BYTES = 100_000  # scanned after the others: a slow large file cannot cost the small ones
_LARGE_BATCH_BYTES = 8_000_000  # large files share a start-up, a few megabytes of source at a time
# Errors about the rules rather than a target: Semgrep's codes for an invalid pattern, unparseable
# YAML, an invalid or missing configuration and an unknown language.
_RULE_ERROR_CODES = frozenset({4, 5, 7, 8})
_RULE_ERROR_TYPES = frozenset({"Rule parse error", "InvalidRuleSchemaError", "UnknownLanguageError"})
_PINNED_RULES = re.compile(r"[^\s:]*/base-rules/")  # where trust.pin_to_base copies the base's rule files
_UNREAD = "semgrep could not analyse it:"
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


def _repository_path(text: str) -> str:
    """A message about a pinned rule file names it as the repository does (`rules/x.yaml`)."""
    return _PINNED_RULES.sub("", text[:2000])


def _rule_error(document: Mapping[str, Any]) -> str | None:
    """Semgrep's complaint about a rule file, naming the file, or None when the rules loaded."""
    problems: list[str] = []
    for error in document.get("errors", []):
        if not isinstance(error, dict) or "path" in error:
            continue
        kind = error.get("type")
        message = str(error.get("message") or "").strip()
        about_rules = kind in _RULE_ERROR_TYPES or error.get("code") in _RULE_ERROR_CODES
        if not about_rules and "unable to find a config" not in message:
            continue
        if "configs were invalid" in message:
            continue  # Semgrep's tally of the errors listed before it
        spans = error.get("spans") or [{}]
        span = spans[0] if isinstance(spans[0], dict) else {}
        where = str(span.get("file", ""))
        line = (span.get("start") or {}).get("line") if isinstance(span.get("start"), dict) else None
        text = message or ": ".join(str(error[k]) for k in ("short_msg", "long_msg") if error.get(k))
        located = f"{where}:{line}: " if where and line else (f"{where}: " if where else "")
        problems.append(_repository_path(" ".join(f"{located}{text}".split())))
    return "; ".join(problems[:3])[:1500] if problems else None


@dataclass
class _Scan:
    """What the batches of one analysis found."""

    results: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    scanned: list[str] = field(default_factory=list)
    not_reviewed: list[NotReviewed] = field(default_factory=list)


def plan_batches(targets: Sequence[str], sizes: Mapping[str, int]) -> list[tuple[str, ...]]:
    """Small files up to _TARGETS_PER_CALL per call, then the large files, smallest first, a few
    megabytes per call: each Semgrep start-up costs seconds of rule parsing, so isolation comes from
    splitting a batch that fails, not from many small batches."""
    small = [t for t in targets if sizes.get(t, 0) <= _LARGE_FILE_BYTES]
    large = sorted((t for t in targets if sizes.get(t, 0) > _LARGE_FILE_BYTES), key=lambda t: sizes.get(t, 0))
    return _fill(small, lambda t: 0) + _fill(large, lambda t: sizes.get(t, 0))


def _fill(targets: Sequence[str], source_bytes: Callable[[str], int]) -> list[tuple[str, ...]]:
    batches: list[tuple[str, ...]] = []
    batch: list[str] = []
    path_bytes = content_bytes = 0
    for target in targets:
        size = source_bytes(target)
        too_long = len(batch) >= _TARGETS_PER_CALL or path_bytes + len(target) + 3 > _ARGV_PATH_BYTES
        if batch and (too_long or content_bytes + size > _LARGE_BATCH_BYTES):
            batches.append(tuple(batch))
            batch, path_bytes, content_bytes = [], 0, 0
        batch.append(target)
        path_bytes += len(target) + 3
        content_bytes += size
    return [*batches, tuple(batch)] if batch else batches


class SemgrepAnalyzer(AnalyzerBase):
    name = "semgrep"

    def _configs(self, review: ReviewInput, private: Path) -> list[str]:
        local, registry = resolve_rule_paths(review.config.semgrep.config, review.repo_root or Path.cwd())
        bundled = [str(rulepack.merged_pack(private))] if BUNDLED_RULES in review.config.semgrep.config else []
        return bundled + [str(p) for p in local if p != rulepack.RULES_DIR] + registry

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        started = time.monotonic()
        settings = review.config.semgrep
        if not settings.enabled:
            return AnalyzerResult(self.name, AnalyzerStatus.SKIPPED, detail="disabled by semgrep.enabled")
        targets = [f.path for f in review.scope.files]
        if not targets:
            return AnalyzerResult(self.name, AnalyzerStatus.SKIPPED, detail="no files to scan")
        # The merged pack and Semgrep's $HOME live in a directory of this run only: nothing planted
        # earlier on the runner (a rule pack, ~/.semgrep settings with a login token) is used.
        with tempfile.TemporaryDirectory(prefix="pr-review-semgrep-") as private:
            configs = self._configs(review, Path(private))
            try:
                scan = self._scan_batches(configs, targets, review, Path(private))
            except ToolError as exc:
                return AnalyzerResult(
                    self.name, AnalyzerStatus.FAILED, detail=str(exc), duration_s=time.monotonic() - started
                )
        duration = time.monotonic() - started
        if not scan.scanned:
            reason = f"semgrep timed out: no file was scanned within semgrep.timeout_s ({settings.timeout_s:g}s)"
            return AnalyzerResult(
                self.name,
                AnalyzerStatus.FAILED,
                detail=reason,
                duration_s=duration,
                not_reviewed=tuple(scan.not_reviewed),
            )
        findings = self._findings(scan.results, review)
        per_file, general = self._classify_errors(scan.errors)
        not_reviewed = tuple(scan.not_reviewed) + per_file
        unread = {n.path for n in scan.not_reviewed} | {n.path for n in per_file if n.reason.startswith(_UNREAD)}
        reviewed = frozenset(scan.scanned) - unread
        if general:
            return AnalyzerResult(
                self.name,
                AnalyzerStatus.FAILED,
                findings=findings,
                detail="semgrep reported errors: " + "; ".join(general[:3]),
                duration_s=duration,
                not_reviewed=not_reviewed,
                reviewed_paths=reviewed,
            )
        detail = f"{len(configs)} rule config(s), {len(targets)} file(s)"
        if not_reviewed:
            detail += f", {len({n.path for n in not_reviewed})} file(s) not fully scanned"
        return AnalyzerResult(
            self.name,
            AnalyzerStatus.OK,
            findings,
            detail,
            duration,
            not_reviewed,
            details=SemgrepDetails(configs=", ".join(review.config.semgrep.config)),
            reviewed_paths=reviewed,
        )

    def _scan_batches(self, configs: Sequence[str], targets: Sequence[str], review: ReviewInput, home: Path) -> _Scan:
        """Every batch within semgrep.timeout_s: a batch that times out is split until the slow file
        is alone; that file, and any left when the time is spent, are listed as not reviewed."""
        budget = review.config.semgrep.timeout_s
        deadline = time.monotonic() + budget
        sizes = {t: len(review.scope.contents.get(t, b"")) for t in targets}
        queue = deque(plan_batches(targets, sizes))
        scan = _Scan()
        while queue:
            batch = queue.popleft()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                left = [*batch, *(t for b in queue for t in b)]
                reason = f"not scanned: semgrep.timeout_s ({budget:g}s) was spent on other files"
                scan.not_reviewed += [NotReviewed(t, reason, self.name) for t in left]
                break
            share = remaining / (len(queue) + 1)
            half = len(batch) // 2
            try:
                document = self._run(configs, batch, review, share, home)
            except ToolTimeout:
                if half:
                    queue.extendleft((batch[half:], batch[:half]))
                else:
                    reason = f"semgrep did not finish this file within {share:.0f}s (semgrep.timeout_s {budget:g}s)"
                    scan.not_reviewed.append(NotReviewed(batch[0], reason, self.name))
                continue
            except ToolError:
                if not half:  # one file, or Semgrep itself is broken: the review cannot complete
                    raise
                queue.extendleft((batch[half:], batch[:half]))  # a crash (out of memory) on one file of many
                continue
            scan.results.extend(document.get("results", []))
            scan.errors.extend(document.get("errors", []))
            scan.scanned.extend(batch)
        return scan

    def _run(
        self, configs: Sequence[str], targets: Sequence[str], review: ReviewInput, timeout: float, home: Path
    ) -> dict[str, Any]:
        per_rule = max(5, int(review.config.semgrep.timeout_s / 4))
        options = [
            "--json",
            "--metrics=off",
            "--disable-version-check",
            "--disable-nosem",  # a PR must not silence findings with its own `nosemgrep` comments
            "--no-git-ignore",
            "--no-rewrite-rule-ids",  # report `pr-review.python.sqli`, not the config file's path before it
            "--max-target-bytes=0",
            f"--timeout={per_rule}",
        ]
        for config in configs:
            options += ["--config", config]
        options += ["--", *(f"./{t}" for t in targets)]
        extra = {
            "HOME": str(home),
            "SEMGREP_ENABLE_VERSION_CHECK": "0",
            "SEMGREP_SEND_METRICS": "off",
        }
        if not self.context.environ.get("PATH"):
            extra["PATH"] = os.defpath  # semgrep-core shells out to `uname`
        deadline = time.monotonic() + timeout

        def semgrep(front_end: str) -> ToolOutput:
            argv = [semgrep_binary(), "scan", front_end, *options]
            left = deadline - time.monotonic()
            if left <= 0:
                raise ToolTimeout(f"semgrep timed out after {timeout:g}s")
            return run_tool(
                argv,
                timeout=left,
                cwd=review.workdir,
                environ=self.context.environ,
                extra_env=extra,
                ok_codes=frozenset(range(0, 256)),
            )

        # Semgrep's OCaml command line scans in one process; its Python front end (`--legacy`) keeps
        # a second OCaml process beside the engine, about 250 MB more, for the same results. When
        # the OCaml one does not finish cleanly (a rule file it rejects, anything else), the batch
        # runs again with the Python one, whose report names the rule file and line and whose
        # errors the checks below know.
        output = semgrep("--experimental")
        if output.returncode not in (0, 1):
            logger.debug("semgrep --experimental exited with %d; running --legacy", output.returncode)
            output = semgrep("--legacy")
        try:
            document: dict[str, Any] = json.loads(output.stdout)
        except ValueError as exc:
            raise ToolError(
                f"semgrep exited with status {output.returncode} without a JSON report: "
                f"{output.stderr_tail[-300:] or 'no output'}"
            ) from exc
        if output.returncode not in (0, 1) and (problem := _rule_error(document)) is not None:
            raise ConfigError(
                f"semgrep.config: Semgrep cannot load the rules: {problem}",
                hint="fix the rule file (check it with `semgrep scan --validate --config FILE`)",
            )
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
                # Partial parsing: analysed, except the part Semgrep could not parse. Anything else
                # (a timeout, a syntax error, out of memory) means the file was not fully analysed.
                prefix = "semgrep" if kind == "PartialParsing" else _UNREAD
                per_file.append(NotReviewed(path.removeprefix("./"), f"{prefix} {kind}: {message}", self.name))
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
