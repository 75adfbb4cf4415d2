"""findings.json: the machine-readable outcome, checked against schemas/report.schema.json."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from pr_review import __version__
from pr_review.analyzers.base import (
    AnalyzerDetails,
    AnalyzerResult,
    AnalyzerStatus,
    DastDetails,
    ModelDetails,
    SemgrepDetails,
)
from pr_review.classify.view import ModelView, Redaction
from pr_review.config import Config
from pr_review.errors import UsageError
from pr_review.gather.change import PullRequestMeta, ReviewTarget
from pr_review.models import CodeLocation, Finding, Fingerprint, Location, Severity, Source, WebLocation
from pr_review.outcome import ReviewOutcome
from pr_review.scope import NotReviewed
from pr_review.triage.model import DecisionKind, NoteKind, Suppressed, TriageNote
from pr_review.validate import schema_errors


def location_to_json(location: Location) -> dict[str, Any]:
    match location:
        case CodeLocation(path=path, start_line=start, end_line=end):
            return {"path": path, "start_line": start, "end_line": end}
        case WebLocation(url=url, method=method, param=param):
            return {"url": url, "method": method, "param": param}


def finding_to_json(finding: Finding) -> dict[str, Any]:
    document: dict[str, Any] = {
        "fingerprint": finding.fingerprint,
        "sources": list(finding.sources),
        "rule_ids": list(finding.rule_ids),
        "title": finding.title,
        "severity": finding.severity.value,
        "confidence": finding.confidence,
        "cwe": list(finding.cwe),
        "location": location_to_json(finding.location),
        "in_diff": finding.in_diff,
        "description": finding.description,
        "exploit_scenario": finding.exploit_scenario,
        "recommendation": finding.recommendation,
        "suggested_fix": finding.suggested_fix,
        "evidence": finding.evidence,
        "help_uri": finding.help_uri,
    }
    if finding.extra_locations:
        document["extra_locations"] = [location_to_json(loc) for loc in finding.extra_locations]
    return document


# An analyzer's details are written as "metadata", an object of strings (as findings.json always had).
FAIL_RULES_KEY = "fail_rules"  # comma-separated rule ids whose findings fail the run whatever fail_on says
_TOKENS = "_tokens"  # ModelDetails.tokens: one key per usage kind, e.g. input_tokens


def details_to_json(details: AnalyzerDetails | None) -> dict[str, str]:
    match details:
        case ModelDetails():
            meta = {
                "prompt_sha256": details.prompt_sha256,
                "preamble_sha256": details.preamble_sha256,
                "tool_schema_sha256": details.tool_schema_sha256,
                "provider": details.provider,
                "region": details.region,
                "model": details.model,
                "requested_model": details.requested_model,
                "requests": str(details.requests),
                "request_chars": str(details.request_chars),
                **{f"{kind}{_TOKENS}": str(n) for kind, n in details.tokens},
            }
            if details.instructions_sha256 is not None:
                meta["instructions_sha256"] = details.instructions_sha256
            if details.untrusted_text_flag_count:
                meta["untrusted_text_flags"] = details.untrusted_text_flags
                meta["untrusted_text_flag_count"] = str(details.untrusted_text_flag_count)
            if details.tools_sha256:  # the lookup tools were offered
                meta["tools_sha256"] = details.tools_sha256
            if details.tools_sha256 or details.tool_calls or details.tool_bytes:
                meta["tool_calls"] = str(details.tool_calls)
                meta["tool_bytes"] = str(details.tool_bytes)
            if details.review_mode:  # a pull request's review: full (why) or incremental
                meta["review_mode"] = details.review_mode
                meta["units_reviewed"] = str(details.units_reviewed)
                meta["units_carried"] = json.dumps(dict(details.units_carried), sort_keys=True)
                meta["full_review_token_estimate"] = str(details.full_review_tokens)
            if details.cost_usd is not None:
                meta["cost_usd"] = repr(details.cost_usd)
            return meta
        case DastDetails():
            meta = {
                "zap_version": details.version,
                "zap_ignored": str(details.ignored),
                "zap_false_positives": str(details.false_positives),
                "zap_mapped": str(details.mapped),
                "zap_instances": json.dumps(dict(details.instances), sort_keys=True, separators=(",", ":")),
            }
            if details.fail_rules:
                meta[FAIL_RULES_KEY] = ",".join(details.fail_rules)
            return meta
        case SemgrepDetails():
            return {"configs": details.configs}
        case None:
            return {}


def details_from_json(analyzer: str, metadata: Mapping[str, Any]) -> AnalyzerDetails | None:
    """The details written by details_to_json, read back; a key missing reads as its default.
    The file is untrusted: a count that is not a whole number raises BadMetadata."""
    if not metadata:
        return None
    meta = _Metadata(analyzer, metadata)
    match analyzer:
        case "claude":
            return ModelDetails(
                provider=meta.text("provider"),
                region=meta.text("region"),
                model=meta.text("model"),
                requested_model=meta.text("requested_model"),
                prompt_sha256=meta.text("prompt_sha256"),
                preamble_sha256=meta.text("preamble_sha256"),
                tool_schema_sha256=meta.text("tool_schema_sha256"),
                requests=meta.count("requests"),
                request_chars=meta.count("request_chars"),
                tokens=tuple(
                    sorted((key.removesuffix(_TOKENS), meta.count(key)) for key in metadata if key.endswith(_TOKENS))
                ),
                instructions_sha256=meta.text("instructions_sha256") if "instructions_sha256" in metadata else None,
                untrusted_text_flags=meta.text("untrusted_text_flags"),
                untrusted_text_flag_count=meta.count("untrusted_text_flag_count"),
                tool_calls=meta.count("tool_calls"),
                tool_bytes=meta.count("tool_bytes"),
                tools_sha256=meta.text("tools_sha256"),
                review_mode=meta.text("review_mode"),
                units_reviewed=meta.count("units_reviewed"),
                units_carried=meta.runs("units_carried"),
                full_review_tokens=meta.count("full_review_token_estimate"),
                cost_usd=meta.dollars("cost_usd"),
            )
        case "zap":
            return DastDetails(
                version=meta.text("zap_version"),
                ignored=meta.count("zap_ignored"),
                false_positives=meta.count("zap_false_positives"),
                mapped=meta.count("zap_mapped"),
                instances=meta.instances("zap_instances"),
                fail_rules=tuple(rule for rule in meta.text(FAIL_RULES_KEY).split(",") if rule),
            )
        case "semgrep":
            return SemgrepDetails(configs=meta.text("configs"))
    return None


class _Metadata:
    def __init__(self, analyzer: str, metadata: Mapping[str, Any]) -> None:
        self._analyzer = analyzer
        self._metadata = metadata

    def text(self, key: str) -> str:
        value = self._metadata.get(key)
        return "" if value is None else str(value)

    def count(self, key: str) -> int:
        value = self.text(key) or "0"
        if not (value.isascii() and value.isdigit() and len(value) <= 18):
            raise self._bad(key, "is not a count")
        return int(value)

    def instances(self, key: str) -> tuple[tuple[str, int], ...]:
        try:
            loaded = json.loads(self.text(key) or "{}")
        except (ValueError, RecursionError):
            raise self._bad(key, "is not a JSON object") from None
        if not isinstance(loaded, dict) or not all(type(n) is int and n >= 0 for n in loaded.values()):
            raise self._bad(key, "is not an object of counts")
        return tuple(sorted((str(fingerprint), n) for fingerprint, n in loaded.items()))

    def runs(self, key: str) -> tuple[tuple[str, str], ...]:
        """An object of file → the run that reviewed it."""
        try:
            loaded = json.loads(self.text(key) or "{}")
        except (ValueError, RecursionError):
            raise self._bad(key, "is not a JSON object") from None
        if not isinstance(loaded, dict) or not all(isinstance(run, str) for run in loaded.values()):
            raise self._bad(key, "is not an object of run ids")
        return tuple(sorted((str(path), run) for path, run in loaded.items()))

    def dollars(self, key: str) -> float | None:
        if key not in self._metadata:
            return None
        try:
            value = float(self.text(key))
        except ValueError:
            raise self._bad(key, "is not an amount") from None
        if not math.isfinite(value) or value < 0:
            raise self._bad(key, "is not an amount")
        return value

    def _bad(self, key: str, problem: str) -> BadMetadata:
        return BadMetadata(f"analyzers[{self._analyzer[:60]}].metadata.{key[:60]} {problem}")


class BadMetadata(ValueError):
    """An analyzer's metadata in findings.json that its details cannot be read from."""


def outcome_to_json(outcome: ReviewOutcome) -> dict[str, Any]:
    model = outcome.model_details
    return {
        "schema_version": 1,
        "tool": {
            "name": "pr-review",
            "version": __version__,
            "prompt_sha256": model.prompt_sha256 if model else None,
            "config_sha256": outcome.config.sha256,
            "instructions_sha256": model.instructions_sha256 if model else None,
        },
        "target": {
            "repository": outcome.target.repository,
            "base": outcome.target.base,
            "head": outcome.target.head,
            "pull_request": outcome.pr.number,
        },
        "findings": [finding_to_json(f) for f in outcome.findings],
        "suppressed": [
            {"finding": finding_to_json(s.finding), "kind": s.kind.value, "reason": s.reason, "by": s.by}
            for s in outcome.suppressed
        ],
        "triage_notes": [
            {"kind": n.kind.value, "message": n.message, "fingerprint": n.fingerprint} for n in outcome.triage_notes
        ],
        "analyzers": [
            {
                "name": r.name,
                "status": r.status.value,
                "detail": r.detail,
                "duration_s": r.duration_s,
                "findings": len(r.findings),
                "metadata": details_to_json(r.details),
                "fail_closed": r.fail_closed,
                "supporting": r.supporting,
            }
            for r in outcome.analyzers
        ],
        "not_reviewed": [_not_reviewed_to_json(n) for n in outcome.not_reviewed],
        **({"data_policy": _data_policy_to_json(outcome.model_view)} if outcome.model_view is not None else {}),
        "reviewed_files": list(outcome.reviewed_files),
        # Exact, not rounded: `publish` renders the same summary from this file as `run` did.
        "duration_s": outcome.duration_s,
        "counts": {severity.value: count for severity, count in outcome.counts().items()},
        "fail_on": outcome.config.fail_on.value if outcome.config.fail_on else "none",
        "failed_threshold": bool(outcome.failing_findings),
        "incomplete_reason": outcome.incomplete_reason,
        "exit_code": int(outcome.exit_code),
    }


def _not_reviewed_to_json(item: NotReviewed) -> dict[str, Any]:
    return {"path": item.path, "reason": item.reason, **({"analyzer": item.analyzer} if item.analyzer else {})}


def _data_policy_to_json(view: ModelView) -> dict[str, Any]:
    """What the data policy kept from a model (the summary lists it); never the content sent."""
    return {
        "withheld": [_not_reviewed_to_json(n) for n in view.withheld],
        "redactions": [
            {
                "path": r.path,
                "line": r.line,
                **({"removed": True} if r.removed else {}),
                "data_class": r.data_class,
                "kind": r.kind,
                "placeholder": r.placeholder,
            }
            for r in view.redactions
        ],
    }


def _location_from_json(document: dict[str, Any]) -> Location:
    if "path" in document:
        return CodeLocation(document["path"], document["start_line"], document["end_line"])
    return WebLocation(document["url"], document.get("method", ""), document.get("param", ""))


def finding_from_json(document: dict[str, Any]) -> Finding:
    return Finding(
        fingerprint=Fingerprint(document["fingerprint"]),
        sources=tuple(document["sources"]),
        rule_ids=tuple(document["rule_ids"]),
        title=document["title"],
        severity=Severity(document["severity"]),
        confidence=float(document["confidence"]),
        cwe=tuple(document["cwe"]),
        location=_location_from_json(document["location"]),
        in_diff=bool(document["in_diff"]),
        description=document.get("description", ""),
        exploit_scenario=document.get("exploit_scenario", ""),
        recommendation=document.get("recommendation", ""),
        suggested_fix=document.get("suggested_fix"),
        evidence=document.get("evidence", ""),
        help_uri=document.get("help_uri", ""),
        extra_locations=tuple(_location_from_json(loc) for loc in document.get("extra_locations", [])),
    )


def _not_reviewed_from_json(document: dict[str, Any]) -> NotReviewed:
    return NotReviewed(document["path"], document["reason"], document.get("analyzer", ""))


def _unknown_names(document: dict[str, Any], analyzer_names: frozenset[str]) -> str | None:
    """The first analyzer or source name no analyzer of this version has, as an error message.
    Names are printed as they are in the summary: only the registry's own may appear there."""
    analyzers = [a["name"] for a in document["analyzers"]]
    analyzers += [n["analyzer"] for n in document["not_reviewed"] if n.get("analyzer")]
    policy = document.get("data_policy") or {}
    analyzers += [n["analyzer"] for n in policy.get("withheld", []) if n.get("analyzer")]
    unknown = next((name for name in analyzers if name not in analyzer_names), None)
    if unknown is not None:
        return f"unknown analyzer {unknown[:60]!r} (known: {', '.join(sorted(analyzer_names))})"
    findings = [*document["findings"], *(s["finding"] for s in document.get("suppressed", []))]
    known_sources = {source.value for source in Source}
    source = next((s for f in findings for s in f["sources"] if s not in known_sources), None)
    if source is not None:
        return f"unknown finding source {source[:60]!r} (known: {', '.join(sorted(known_sources))})"
    return None


def _analyzer_from_json(document: dict[str, Any]) -> AnalyzerResult:
    return AnalyzerResult(
        document["name"],
        AnalyzerStatus(document["status"]),
        detail=document["detail"],
        duration_s=float(document["duration_s"]),
        details=details_from_json(document["name"], document.get("metadata", {})),
        fail_closed=bool(document.get("fail_closed", False)),
        supporting=bool(document.get("supporting", False)),
    )


def _data_policy_from_json(document: dict[str, Any] | None, pr: PullRequestMeta) -> ModelView | None:
    if document is None:
        return None
    return ModelView(
        files={},  # what was sent is not in the file, only what the policy kept back
        pr=pr,
        withheld=tuple(_not_reviewed_from_json(n) for n in document["withheld"]),
        redactions=tuple(
            Redaction(r["path"], r["line"], r["data_class"], r["kind"], r["placeholder"], bool(r.get("removed")))
            for r in document["redactions"]
        ),
    )


def outcome_from_json(document: Any, config: Config, *, source: str, analyzer_names: frozenset[str]) -> ReviewOutcome:
    """A findings.json written by `pr-review run --no-post`, read back for `publish`: everything the
    exit code and the summary depend on comes back as it was written.

    The file comes from a job that ran the pull request's code: it is data to check, not trust.
    Every text in it is rendered through the neutraliser; names printed as they are must be known:
    `analyzer_names` are the registry's (pr_review/registry.py), which reporters do not import.
    """
    errors = schema_errors(document, "report.schema.json")
    if errors:
        raise UsageError(f"{source} is not a valid findings.json: {errors[0]}")
    unknown = _unknown_names(document, analyzer_names)
    if unknown is not None:
        raise UsageError(f"{source} is not a valid findings.json: {unknown}")
    try:
        analyzers = tuple(_analyzer_from_json(a) for a in document["analyzers"])
    except BadMetadata as exc:
        raise UsageError(f"{source} is not a valid findings.json: {exc}") from None
    target = document["target"]
    pr = PullRequestMeta(number=target.get("pull_request"))
    return ReviewOutcome(
        target=ReviewTarget(target["repository"], target["base"], target["head"]),
        config=config,
        pr=pr,
        findings=tuple(finding_from_json(f) for f in document["findings"]),
        analyzers=analyzers,
        reviewed_files=tuple(document.get("reviewed_files", [])),
        not_reviewed=tuple(_not_reviewed_from_json(n) for n in document["not_reviewed"]),
        duration_s=float(document.get("duration_s", 0.0)),
        model_view=_data_policy_from_json(document.get("data_policy"), pr),
        suppressed=tuple(
            Suppressed(finding_from_json(s["finding"]), DecisionKind(s["kind"]), s["reason"], s.get("by", ""))
            for s in document.get("suppressed", [])
        ),
        triage_notes=tuple(
            TriageNote(NoteKind(n["kind"]), n["message"], n.get("fingerprint", ""))
            for n in document.get("triage_notes", [])
        ),
    )
