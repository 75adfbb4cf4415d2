"""OWASP ZAP (DAST): a baseline report → findings, or a zap-baseline.py run in a container first.

`zap.report` (or --zap-report) ingests a report written by `zap-baseline.py -J` or
zaproxy/action-baseline; `zap.target` (or --zap-target) runs the baseline scan itself in
ghcr.io/zaproxy/zaproxy:stable. One finding per alert type and site. An alert whose URL is served
by a route declared in a changed file points at that route's line, so it can be commented inline.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from pr_review.analyzers.base import AnalyzerBase, AnalyzerResult, AnalyzerStatus, DastDetails, ReviewInput
from pr_review.analyzers.zap.report import (
    MAX_REPORT_BYTES,
    RuleAction,
    ZapAlert,
    ZapReport,
    ZapReportError,
    ZapRules,
    ZapSite,
    parse_report,
    parse_rules,
)
from pr_review.analyzers.zap.routes import Route, best_route, declared_routes
from pr_review.config import ZapSettings
from pr_review.errors import ConfigError, ToolError
from pr_review.fingerprint import web_fingerprint
from pr_review.models import CodeLocation, Finding, Location, Severity, Source, WebLocation
from pr_review.process import run_tool

_SEVERITY = {3: Severity.HIGH, 2: Severity.MEDIUM, 1: Severity.LOW, 0: Severity.INFO}
_CONFIDENCE = {1: 0.4, 2: 0.7, 3: 0.9, 4: 1.0}  # 0 (false positive) is dropped
_ENGINE_CHECK_S = 10.0
_MAX_RULES_BYTES = 1024 * 1024
# zap-baseline.py flags pr-review sets itself; an option may not override them.
_MANAGED_FLAGS = frozenset({"-t", "-J", "-c", "-m", "-u", "-g"})
_REPORT_NAME = "report.json"
_TARGET = re.compile(r"^https?://[^\s]{1,2000}$")
_RULES_NAME = "rules.tsv"
_REPORT_HINT = "--zap-report / zap.report takes the JSON report of `zap-baseline.py -J` (zaproxy/action-baseline)"


class NoContainerEngine(Exception):
    """No usable docker/podman: the analyzer is skipped, not failed."""


def _resolve(path_text: str, review: ReviewInput) -> Path:
    path = Path(path_text)
    return path if path.is_absolute() else (review.repo_root or Path.cwd()) / path


def read_bounded(path: Path, what: str, limit: int) -> bytes:
    """A regular file's bytes, at most `limit`; anything else is a ZapReportError naming the path."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise ZapReportError(f"{what} {path}: no such file") from exc
    except OSError as exc:
        raise ZapReportError(f"{what} {path}: cannot read it: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ZapReportError(f"{what} {path}: not a regular file")
    if info.st_size > limit:
        raise ZapReportError(f"{what} {path}: larger than {limit // (1024 * 1024)} MB ({info.st_size:,} bytes)")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ZapReportError(f"{what} {path}: cannot read it: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise ZapReportError(f"{what} {path}: larger than {limit // (1024 * 1024)} MB")
    return data


def validate_options(options: Sequence[str]) -> list[str]:
    """zap.options as argv items: no control characters, none of the flags pr-review manages."""
    checked: list[str] = []
    for option in options:
        if any(ord(c) < 32 for c in option):
            raise ZapReportError(f"zap.options: {option[:40]!r} contains a control character")
        if option.split("=", 1)[0] in _MANAGED_FLAGS:
            raise ZapReportError(
                f"zap.options: {option[:40]!r} is set by pr-review",
                hint="use zap.target, zap.rules_file and zap.minutes instead",
            )
        checked.append(option)
    return checked


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class ZapAnalyzer(AnalyzerBase):
    name = "zap"

    def analyze(self, review: ReviewInput) -> AnalyzerResult:
        started = time.monotonic()
        settings = review.config.zap
        if not settings.configured:
            return AnalyzerResult(self.name, AnalyzerStatus.SKIPPED, detail="not configured")
        try:
            # What the user named (a report, a rules file, scan settings) must be usable: exit 2.
            rules, rules_note = self._rules(settings, review)
            given = self._given_report(settings, review)
            options = validate_options(settings.options)
            target = settings.target or ""  # configured: a report or a target
            if given is None and not _TARGET.match(target):
                raise ZapReportError(f"zap.target {target[:100]!r} is not an http(s) URL")
        except ZapReportError as exc:
            raise ConfigError(f"ZAP: {exc}", hint=exc.hint or _REPORT_HINT) from exc
        if given is not None:
            report, origin = given, f"report {settings.report}"
        else:
            try:
                report = parse_report(self._scan(settings, target, rules, options))
            except NoContainerEngine as exc:
                return AnalyzerResult(
                    self.name,
                    AnalyzerStatus.SKIPPED,
                    detail=f"no container engine ({exc})",
                    duration_s=time.monotonic() - started,
                )
            except (ZapReportError, ToolError) as exc:
                hint = f" ({exc.hint})" if exc.hint else ""
                return AnalyzerResult(
                    self.name,
                    AnalyzerStatus.FAILED,
                    detail=f"ZAP: {exc}{hint}",
                    duration_s=time.monotonic() - started,
                )
            origin = f"baseline scan of {target}"
        return self._result(report, rules, rules_note, origin, settings, review, started)

    def _given_report(self, settings: ZapSettings, review: ReviewInput) -> ZapReport | None:
        """The report named by --zap-report / zap.report; None when ZAP is to scan zap.target."""
        if not settings.report:
            return None
        return parse_report(read_bounded(_resolve(settings.report, review), "ZAP report", MAX_REPORT_BYTES))

    def _rules(self, settings: ZapSettings, review: ReviewInput) -> tuple[ZapRules, str]:
        if not settings.rules_file:
            return ZapRules(), ""
        path = _resolve(settings.rules_file, review)
        text = read_bounded(path, "ZAP rules file", _MAX_RULES_BYTES).decode("utf-8", errors="replace")
        rules = parse_rules(text, settings.rules_file)
        relative = settings.rules_file.removeprefix("./")
        if review.scope.change.file(relative) is not None:
            # The change edits the rules file it would be reviewed with: keep what tightens only.
            return rules.without_ignores(), f"{relative} is changed by this change: its IGNORE rules not applied"
        return rules, ""

    def _result(
        self,
        report: ZapReport,
        rules: ZapRules,
        rules_note: str,
        origin: str,
        settings: ZapSettings,
        review: ReviewInput,
        started: float,
    ) -> AnalyzerResult:
        sites = report.sites
        target_host = _host(settings.target) if settings.target else ""
        if target_host and sites:
            matching = tuple(s for s in sites if (s.host or _host(s.name)) == target_host)
            if not matching:
                names = ", ".join(s.name or s.host for s in sites[:3])
                return AnalyzerResult(
                    self.name,
                    AnalyzerStatus.FAILED,
                    detail=f"ZAP: the {origin} is for {names}, not zap.target {settings.target}",
                    duration_s=time.monotonic() - started,
                )
            other_sites = len(sites) - len(matching)
            sites = matching
        else:
            other_sites = 0
        routes = declared_routes(review.scope.contents) if settings.map_routes else ()
        findings: list[Finding] = []
        failing: set[str] = set()
        instance_counts: dict[str, int] = {}
        ignored = false_positives = mapped = 0
        for site in sites:
            for alert in site.alerts:
                action = rules.action(alert)
                if action is RuleAction.IGNORE:
                    ignored += 1
                    continue
                if alert.confidence == 0:
                    false_positives += 1
                    continue
                finding, route = self._finding(site, alert, routes, settings, review)
                if action is RuleAction.INFO:  # ZAP's INFO: reported, never fails the job
                    finding = replace(finding, severity=Severity.INFO)
                mapped += route is not None
                findings.append(finding)
                instance_counts[finding.fingerprint] = alert.count
                if action is RuleAction.FAIL:
                    failing.add(finding.rule_ids[0])
        if not report.sites:
            detail = f"{origin}: report has no sites"
        else:
            alerts = sum(len(s.alerts) for s in sites)
            detail = f"{origin} (ZAP {report.version}): {alerts} alert(s), {len(findings)} finding(s)"
            extras = [
                f"{ignored} ignored by {settings.rules_file}" if ignored else "",
                f"{false_positives} marked false positive dropped" if false_positives else "",
                f"{mapped} mapped to a route in the change" if mapped else "",
                f"{len(failing)} FAIL rule(s) hit" if failing else "",
                f"{other_sites} other site(s) ignored" if other_sites else "",
                f"{report.unreadable_alerts} unreadable alert(s) skipped" if report.unreadable_alerts else "",
                rules_note,
                f"{len(rules.out_of_scope)} OUTOFSCOPE rule(s) apply to scans only"
                if rules.out_of_scope and settings.report
                else "",
            ]
            detail += "".join(f"; {e}" for e in extras if e)
        details = DastDetails(
            version=report.version,
            ignored=ignored,
            false_positives=false_positives,
            mapped=mapped,
            instances=tuple(sorted(instance_counts.items())),
            fail_rules=tuple(sorted(failing)),
        )
        return AnalyzerResult(
            self.name,
            AnalyzerStatus.OK,
            tuple(findings),
            detail,
            time.monotonic() - started,
            details=details,
        )

    def _finding(
        self, site: ZapSite, alert: ZapAlert, routes: tuple[Route, ...], settings: ZapSettings, review: ReviewInput
    ) -> tuple[Finding, Route | None]:
        listed = alert.instances[: settings.max_instances]
        webs: list[Location] = [WebLocation(i.uri, i.method, i.param) for i in listed]
        first = listed[0] if listed else None
        first_url = first.uri if first else (site.name or f"https://{site.host}/")
        if not webs:
            webs.append(WebLocation(first_url))
        key = f"zap.{alert.alert_ref}"
        rule_ids = tuple(dict.fromkeys((f"zap.{alert.plugin_id}", key)))
        cwe = (f"CWE-{alert.cwe}",) if alert.cwe is not None else ()
        route, hit = None, None
        if routes and not alert.systemic:
            for instance in alert.instances:
                route = best_route(routes, instance.method, instance.uri)
                if route is not None:
                    hit = instance
                    break
        location: Location = webs[0]
        extra = tuple(webs[1:])
        in_diff = False
        description = alert.description
        if alert.other_info:
            description += f"\n\n{alert.other_info}"
        if alert.count > len(listed):
            description += f"\n\nZAP found {alert.count} instance(s); {len(listed)} listed."
        if route is not None and hit is not None:
            location = CodeLocation(route.file, route.line, route.line)
            extra = tuple(webs)
            changed = review.scope.change.file(route.file)
            in_diff = changed is not None and changed.touches_added(route.line, route.line)
            method = hit.method or "GET"
            description = (
                f"Mapped by route `{route.display}` ({route.framework}, {route.file}:{route.line}) "
                f"from ZAP alert on {method} {hit.uri}.\n\n{description}"
            )
        evidence = next((i.evidence for i in listed if i.evidence), "")
        help_uri = next((r for r in alert.references if r.startswith("https://")), "")
        return (
            Finding(
                fingerprint=web_fingerprint(
                    key, first_url, first.method if first else "", first.param if first else ""
                ),
                sources=(Source.ZAP.value,),
                rule_ids=rule_ids,
                title=alert.name,
                severity=_SEVERITY[alert.risk],
                confidence=_CONFIDENCE[alert.confidence],
                cwe=cwe,
                location=location,
                in_diff=in_diff,
                description=description.strip()[:20000],
                recommendation=alert.solution[:20000],
                evidence=evidence[:2000],
                help_uri=help_uri,
                extra_locations=extra,
            ),
            route,
        )

    def _engine(self, settings: ZapSettings) -> str:
        binary = shutil.which(settings.engine)
        if binary is None:
            raise NoContainerEngine(f"{settings.engine} not found on PATH")
        try:
            run_tool([binary, "info"], timeout=_ENGINE_CHECK_S)
        except ToolError as exc:
            reason = (exc.stderr_tail or str(exc)).strip().splitlines()
            raise NoContainerEngine(f"{settings.engine} info failed: {reason[-1][:200] if reason else exc}") from exc
        return binary

    def _scan(self, settings: ZapSettings, target: str, rules: ZapRules, options: Sequence[str]) -> bytes:
        binary = self._engine(settings)
        with tempfile.TemporaryDirectory(prefix="pr-review-zap-") as tmp:
            workdir = Path(tmp)
            # ZAP runs as its own user in the container; it must write report.json here.
            os.chmod(workdir, 0o777)  # noqa: S103 - a fresh private temporary directory
            if settings.rules_file:
                (workdir / _RULES_NAME).write_text(rules.to_tsv(), encoding="utf-8")
            argv = build_zap_command(binary, settings, target, workdir, rules_file=bool(settings.rules_file))
            argv += list(options)
            name = argv[argv.index("--name") + 1]
            try:
                output = run_tool(argv, timeout=settings.timeout_s, ok_codes=frozenset({0, 1, 2, 3}))
            except ToolError:
                _remove_container(binary, name)
                raise
            report = workdir / _REPORT_NAME
            if not report.is_file():
                raise ToolError(
                    f"zap-baseline.py exited with status {output.returncode} without writing {_REPORT_NAME}: "
                    f"{output.stderr_tail[-300:] or output.stdout[-300:].decode('utf-8', errors='replace')}"
                )
            if output.returncode == 3:
                raise ToolError(f"zap-baseline.py reported an error (status 3): {output.stderr_tail[-300:]}")
            return read_bounded(report, "ZAP report", MAX_REPORT_BYTES)


def build_zap_command(binary: str, settings: ZapSettings, target: str, workdir: Path, *, rules_file: bool) -> list[str]:
    """docker run … zap-baseline.py -t URL -J report.json [-c rules.tsv] [-m minutes]."""
    argv = [binary, "run", "--rm", "--name", f"pr-review-zap-{uuid.uuid4().hex[:12]}"]
    argv += ["-v", f"{workdir}:/zap/wrk/:rw"]
    if settings.network:
        argv += ["--network", settings.network]
    argv += ["-t", settings.image, "zap-baseline.py", "-t", target, "-J", _REPORT_NAME]
    if rules_file:
        argv += ["-c", _RULES_NAME]
    if settings.minutes is not None:
        argv += ["-m", str(settings.minutes)]
    return argv


def _remove_container(binary: str, name: str) -> None:
    """A timed-out `docker run` leaves its container running: stop it."""
    with contextlib.suppress(ToolError):
        run_tool([binary, "rm", "-f", name], timeout=30, ok_codes=frozenset(range(256)))
