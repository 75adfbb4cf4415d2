"""The ZAP analyzer: report → findings, rules-file semantics, route mapping, container runs, bad input."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import subprocess
from collections.abc import Mapping
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, GitRepo

from pr_review.analyzers.base import AnalyzerResult, AnalyzerStatus, DastDetails, ReviewInput
from pr_review.analyzers.zap.analyzer import ZapAnalyzer, build_zap_command
from pr_review.classify.view import unclassified_view
from pr_review.cli import main
from pr_review.config import ZAP_IMAGE, ZapSettings
from pr_review.config_loader import build_config
from pr_review.errors import ConfigError
from pr_review.fingerprint import web_fingerprint
from pr_review.gather.change import Change, ReviewTarget
from pr_review.gather.local_git import from_git
from pr_review.models import CodeLocation, Severity, WebLocation
from pr_review.report.document import FAIL_RULES_KEY
from pr_review.scope import Scope, build_scope

REAL = DATA / "zap-2.9.0-baseline-example.com.json"
VARIANTS = DATA / "zap"
ENV = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
PREVIEW = "https://preview-7.example.dev"


def bare_review(zap: Mapping[str, Any], root: Path = DATA) -> ReviewInput:
    config = build_config({"zap": dict(zap)})
    scope = Scope(Change(ReviewTarget("local", "base", "head"), (), lambda _: None), (), (), {})
    return ReviewInput(scope, config, root, root, unclassified_view(scope))


def repo_review(repo: GitRepo, base: str, zap: Mapping[str, Any]) -> ReviewInput:
    config = build_config({"zap": dict(zap)})
    scope = build_scope(from_git(repo.path, base, "HEAD"), config)
    return ReviewInput(scope, config, repo.path, repo.path, unclassified_view(scope))


def run(review: ReviewInput) -> AnalyzerResult:
    return ZapAnalyzer().analyze(review)


def dast(result: AnalyzerResult) -> DastDetails:
    assert isinstance(result.details, DastDetails)
    return result.details


def alert(url: str, *, method: str = "GET", plugin: str = "40012", risk: str = "3", cwe: str = "79") -> dict[str, Any]:
    return {
        "pluginid": plugin,
        "alertRef": plugin,
        "alert": "Cross Site Scripting (Reflected)",
        "name": "Cross Site Scripting (Reflected)",
        "riskcode": risk,
        "confidence": "2",
        "desc": "<p>Cross-site Scripting (XSS) is an attack technique.</p>",
        "instances": [{"uri": url, "method": method, "param": "q", "attack": "<script>", "evidence": "<script>"}],
        "count": "1",
        "solution": "<p>Encode output.</p>",
        "reference": "<p>https://owasp.org/www-community/attacks/xss/</p>",
        "cweid": cwe,
        "wascid": "8",
        "sourceid": "1",
    }


def write_report(path: Path, *alerts: dict[str, Any], site: str = PREVIEW) -> Path:
    host = site.split("://", 1)[1]
    document = {"@version": "2.14.0", "site": [{"@name": site, "@host": host, "alerts": list(alerts)}]}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# --- the real report ---------------------------------------------------------------------------


def test_real_report_one_finding_per_alert_type() -> None:
    result = run(bare_review({"report": REAL.name}))
    assert result.status is AnalyzerStatus.OK, result.detail
    assert [f.rule_ids for f in result.findings] == [
        ("zap.10096",),
        ("zap.10021",),
        ("zap.10036",),
        ("zap.10109",),
        ("zap.10015",),
        ("zap.10027",),
        ("zap.10055",),
    ]
    by_rule = {f.rule_ids[0]: f for f in result.findings}
    timestamp = by_rule["zap.10096"]
    assert (timestamp.severity, timestamp.confidence, timestamp.cwe) == (Severity.INFO, 0.4, ("CWE-200",))
    assert isinstance(timestamp.location, WebLocation)
    assert timestamp.location.url.endswith("/ui/assets/vendor-0237c49b8601dcbec2f0f06a8078e405.js")
    assert len(timestamp.extra_locations) == 9  # 10 listed at most
    assert "ZAP found 88 instance(s); 10 listed." in timestamp.description
    headers = by_rule["zap.10021"]
    assert headers.location == WebLocation("https://www.example.com/robots.txt", "GET", "X-Content-Type-Options")
    assert headers.help_uri == "https://owasp.org/www-community/Security_Headers"  # first https reference
    assert headers.recommendation.startswith("Ensure that the application/web server sets the Content-Type header")
    assert by_rule["zap.10055"].severity is Severity.MEDIUM
    assert by_rule["zap.10036"].confidence == 0.9
    assert by_rule["zap.10109"].cwe == ()
    assert not any(f.in_diff for f in result.findings)
    assert "report zap-2.9.0-baseline-example.com.json (ZAP 2.9.0): 7 alert(s), 7 finding(s)" in result.detail


def test_fingerprint_is_stable_across_preview_hosts(tmp_path: Path) -> None:
    first = write_report(
        tmp_path / "a.json", alert("https://pr-1.preview.dev/search?q=1"), site="https://pr-1.preview.dev"
    )
    second = write_report(
        tmp_path / "b.json", alert("https://pr-2.preview.dev/search?q=2"), site="https://pr-2.preview.dev"
    )
    (one,) = run(bare_review({"report": str(first)})).findings
    (two,) = run(bare_review({"report": str(second)})).findings
    assert one.fingerprint == two.fingerprint == web_fingerprint("zap.40012", "https://x/search", "GET", "q")


def test_newer_report_variant() -> None:
    result = run(bare_review({"report": "zap/zap-2.14-newer-fields.json", "target": f"{PREVIEW.replace('7', '42')}"}))
    assert result.status is AnalyzerStatus.OK, result.detail
    rules = [f.rule_ids for f in result.findings]
    assert rules == [("zap.10038", "zap.10038-1"), ("zap.40012",), ("zap.10049",), ("zap.10109",)]
    csp, xss, cacheable, _modern = result.findings
    assert csp.severity is Severity.MEDIUM
    assert csp.cwe == ("CWE-693",)
    assert csp.fingerprint == web_fingerprint("zap.10038-1", "https://preview-42.example.dev/", "GET", "")
    assert xss.severity is Severity.HIGH
    assert xss.evidence == "<script>alert(1);</script>"
    assert cacheable.cwe == ()  # cweid "-1"
    assert "1 marked false positive dropped" in result.detail  # confidence 0
    assert "1 other site(s) ignored" in result.detail  # fonts.googleapis.com is not zap.target
    assert dast(result).false_positives == 1


# --- rules file --------------------------------------------------------------------------------


def test_rules_file_ignore_fail_warn_info() -> None:
    result = run(bare_review({"report": REAL.name, "rules_file": "zap/rules.tsv"}))
    assert result.status is AnalyzerStatus.OK
    rules = {f.rule_ids[0]: f for f in result.findings}
    assert "zap.10096" not in rules  # IGNORE: dropped and counted
    assert "1 ignored by zap/rules.tsv" in result.detail
    assert dast(result).ignored == 1
    assert dast(result).fail_rules == ("zap.10021",)
    assert rules["zap.10055"].severity is Severity.INFO  # INFO: reported, never fails
    assert rules["zap.10036"].severity is Severity.LOW  # WARN: as ZAP rated it


def test_bad_rules_file_is_a_configuration_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules.tsv"
    rules.write_text("10096\tSKIP\tx\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown action 'SKIP'"):
        run(bare_review({"report": str(REAL), "rules_file": str(rules)}))


def _scan_cli(repo: GitRepo, base: str, report: Path, *extra: str, rules: Path | None = None) -> tuple[int, Any]:
    config = repo.path.parent / "pr-review.yml"
    zap = f"zap:\n  rules_file: {rules}\n" if rules else ""
    # A DAST-only review: the team accepts that no analyzer reads the changed files.
    accept = "ignore:\n  - rule: pr-review.coverage.not-reviewed\n    reason: DAST-only review\n"
    config.write_text(f"semgrep:\n  enabled: false\nclaude:\n  enabled: false\n{accept}{zap}", encoding="utf-8")
    argv = ["scan", str(repo.path), "--base", base, "--config", str(config), "--format", "json"]
    argv += ["--zap-report", str(report), *extra]
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        code = main(argv, environ=ENV)
    return code, json.loads(out.getvalue())


@pytest.fixture
def small_change(repo: GitRepo) -> str:
    base = repo.commit({"README.md": "service\n"})
    repo.commit({"notes.txt": "a change\n"})
    return base


def test_fail_rule_fails_the_job_whatever_fail_on_says(repo: GitRepo, small_change: str) -> None:
    code, report = _scan_cli(repo, small_change, REAL, "--fail-on", "none", rules=VARIANTS / "rules.tsv")
    assert code == 1  # 10021 is a low-risk alert: FAIL in the rules file fails the job anyway
    assert report["failed_threshold"] is True
    zap = next(a for a in report["analyzers"] if a["name"] == "zap")
    assert zap["status"] == "ok"
    assert zap["metadata"][FAIL_RULES_KEY] == "zap.10021"


def test_without_fail_rules_fail_on_decides(repo: GitRepo, small_change: str) -> None:
    assert _scan_cli(repo, small_change, REAL, "--fail-on", "high")[0] == 0
    code, report = _scan_cli(repo, small_change, REAL, "--fail-on", "medium")
    assert code == 1  # the CSP alert is medium
    assert {f["rule_ids"][0] for f in report["findings"]} >= {"zap.10055", "zap.10096"}


def test_markdown_summary_has_a_dast_section(repo: GitRepo, small_change: str) -> None:
    config = repo.path.parent / "pr-review.yml"
    config.write_text(
        f"semgrep:\n  enabled: false\nclaude:\n  enabled: false\nzap:\n  rules_file: {VARIANTS / 'rules.tsv'}\n"
    )
    out = io.StringIO()
    argv = ["scan", str(repo.path), "--base", small_change, "--config", str(config), "--format", "markdown"]
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        main([*argv, "--zap-report", str(REAL)], environ=ENV)
    text = out.getvalue()
    assert "### DAST (ZAP)" in text
    assert "| Risk | Alert | Instances | URL paths | Route in this change |" in text
    assert "🟦 low (FAIL rule) | X-Content-Type-Options Header Missing | 6 |" in text
    assert "| ⬜ info | Information Disclosure - Suspicious Comments | 1 |" in text
    assert "fail the job whatever `fail_on` says" in text


def test_a_change_cannot_ignore_alerts_through_the_rules_file(repo: GitRepo) -> None:
    base = repo.commit({"zap-rules.tsv": "10021\tWARN\tx\n"})
    repo.commit({"zap-rules.tsv": "10021\tIGNORE\tnot our problem\n10055\tFAIL\tx\n"})
    result = run(repo_review(repo, base, {"report": str(REAL), "rules_file": "zap-rules.tsv"}))
    assert "zap.10021" in {f.rule_ids[0] for f in result.findings}
    assert "zap-rules.tsv is changed by this change: its IGNORE rules not applied" in result.detail
    assert dast(result).fail_rules == ("zap.10055",)  # tightening still applies


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        ("zap/truncated.json", "ZAP: not valid JSON (truncated?)"),
        ("zap/sarif.json", "ZAP: not a ZAP traditional JSON report: this is a SARIF report"),
        ("zap/future-version.json", "ZAP: unsupported ZAP report version '7.0.0'"),
        ("zap/missing.json", "ZAP: ZAP report"),
        ("zap", "not a regular file"),
    ],
)
def test_bad_reports_are_a_configuration_error_with_a_reason(report: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(expected)):
        run(bare_review({"report": report}))


def test_empty_report_is_ok_with_no_findings() -> None:
    result = run(bare_review({"report": "zap/empty-sites.json"}))
    assert (result.status, result.findings) == (AnalyzerStatus.OK, ())
    assert result.detail == "report zap/empty-sites.json: report has no sites"


def test_report_for_another_target_fails() -> None:
    result = run(bare_review({"report": REAL.name, "target": "https://preview-7.example.dev/"}))
    assert result.status is AnalyzerStatus.FAILED
    assert "is for https://www.example.com, not zap.target https://preview-7.example.dev/" in result.detail


def test_not_configured_is_skipped() -> None:
    result = run(bare_review({}))
    assert (result.status, result.detail) == (AnalyzerStatus.SKIPPED, "not configured")


def test_a_corrupt_report_is_exit_2_with_the_reason(repo: GitRepo, small_change: str) -> None:
    config = repo.path.parent / "pr-review.yml"
    config.write_text("semgrep:\n  enabled: false\nclaude:\n  enabled: false\n", encoding="utf-8")
    argv = ["scan", str(repo.path), "--base", small_change, "--config", str(config)]
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main([*argv, "--zap-report", str(VARIANTS / "truncated.json")], environ=ENV)
    assert code == 2
    assert "error: ZAP: not valid JSON (truncated?)" in err.getvalue()
    assert "hint: --zap-report / zap.report takes the JSON report of `zap-baseline.py -J`" in err.getvalue()


# --- running zap-baseline ----------------------------------------------------------------------


def _engine_works(engine: str) -> bool:
    binary = shutil.which(engine)
    if binary is None:
        return False
    return subprocess.run([binary, "info"], capture_output=True, timeout=15, check=False).returncode == 0


def test_no_container_engine_skips() -> None:
    if shutil.which("docker") is None:
        pytest.skip("docker client not installed: covered by the fake-engine tests")
    if _engine_works("docker"):
        pytest.skip("a docker daemon is reachable here: the no-engine path cannot be observed")
    result = run(bare_review({"target": "http://127.0.0.1:9/"}))
    assert result.status is AnalyzerStatus.SKIPPED
    assert result.detail.startswith("no container engine (docker info failed: ")


def test_missing_engine_binary_skips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run(bare_review({"target": "http://127.0.0.1:9/", "engine": "podman"}))
    assert result.status is AnalyzerStatus.SKIPPED
    assert result.detail == "no container engine (podman not found on PATH)"


def test_zap_command_line() -> None:
    settings = ZapSettings(target="https://preview.example.dev", minutes=2)
    argv = build_zap_command(
        "/usr/bin/docker", settings, "https://preview.example.dev", Path("/tmp/w"), rules_file=True
    )
    name = argv[argv.index("--name") + 1]
    assert argv == [
        "/usr/bin/docker", "run", "--rm", "--name", name, "-v", "/tmp/w:/zap/wrk/:rw", "--network", "host",
        "-t", ZAP_IMAGE, "zap-baseline.py", "-t", "https://preview.example.dev", "-J", "report.json",
        "-c", "rules.tsv", "-m", "2",
    ]  # fmt: skip


FAKE_ENGINE = """#!/bin/sh
echo "$@" >> "{log}"
case "$1" in
  info) exit 0 ;;
  rm) exit 0 ;;
  run)
    {behaviour}
    ;;
esac
"""


def fake_engine(tmp_path: Path, behaviour: str) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "engine.log"
    script = bin_dir / "docker"
    script.write_text(FAKE_ENGINE.format(log=log, behaviour=behaviour), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return log


# The fake finds the mounted work directory in its -v argument, like the real image's /zap/wrk.
WRITE_REPORT = """wrk=$(echo "$@" | sed -n 's/.*-v \\([^:]*\\):\\/zap\\/wrk.*/\\1/p')
    cp "{report}" "$wrk/report.json"
    cp "$wrk/rules.tsv" "{rules_copy}" 2>/dev/null
    exit 2"""


def test_baseline_run_warn_exit_still_reads_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = fake_engine(tmp_path, WRITE_REPORT.format(report=REAL, rules_copy=tmp_path / "rules-seen.tsv"))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    review = bare_review({
        "target": "https://www.example.com",
        "rules_file": "zap/rules.tsv",
        "options": ["-a", "-j"],
        "minutes": 1,
    })  # fmt: skip
    result = run(review)
    assert result.status is AnalyzerStatus.OK, result.detail
    assert result.detail.startswith("baseline scan of https://www.example.com (ZAP 2.9.0): 7 alert(s), 6 finding(s)")
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0] == "info"
    assert " zap-baseline.py -t https://www.example.com -J report.json -c rules.tsv -m 1 -a -j" in calls[1]
    assert "10096\tIGNORE" in (tmp_path / "rules-seen.tsv").read_text(encoding="utf-8")


def test_baseline_run_without_a_report_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_engine(tmp_path, 'echo "ZAP failed to start" >&2; exit 3')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = run(bare_review({"target": "https://www.example.com"}))
    assert result.status is AnalyzerStatus.FAILED
    assert "without writing report.json: ZAP failed to start" in result.detail


def test_baseline_timeout_removes_the_container(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = fake_engine(tmp_path, "sleep 5")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = run(bare_review({"target": "https://www.example.com", "timeout_s": 0.5}))
    assert result.status is AnalyzerStatus.FAILED
    assert "timed out after 0.5s" in result.detail
    assert log.read_text(encoding="utf-8").splitlines()[-1].startswith("rm -f pr-review-zap-")


@pytest.mark.parametrize(
    ("zap", "expected"),
    [
        ({"target": "https://x.dev", "options": ["-t", "https://elsewhere"]}, "'-t' is set by pr-review"),
        ({"target": "file:///etc/passwd"}, "is not an http(s) URL"),
    ],
)
def test_invalid_scan_settings_are_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zap: dict[str, Any], expected: str
) -> None:
    fake_engine(tmp_path, "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(ConfigError, match=re.escape(expected)):
        run(bare_review(zap))


# --- route mapping -----------------------------------------------------------------------------

FLASK_BASE = """from flask import Flask, request

app = Flask(__name__)


@app.route("/health")
def health():
    return "ok"
"""

FLASK_HEAD = (
    FLASK_BASE
    + """

@app.route("/invoices/<int:invoice_id>", methods=["GET"])
def invoice(invoice_id):
    return f"<h1>{request.args.get('q', '')}</h1>"
"""
)

FASTAPI_HEAD = """from fastapi import APIRouter

router = APIRouter(prefix="/api/items")


@router.get("/{item_id}")
async def read_item(item_id: int, q: str = ""):
    return {"q": q}
"""

EXPRESS_HEAD = """const express = require('express');
const router = express.Router();

router.get('/orders', (req, res) => res.send('list'));
router.post('/orders/:orderId/notes', (req, res) => {
  res.send(req.body.note);
});

module.exports = router;
"""

SPRING_HEAD = """package com.example.billing;

import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {

    @GetMapping("/{id}")
    public String get(@PathVariable long id, @RequestParam String q) {
        return "<p>" + q + "</p>";
    }

    @RequestMapping(value = "/{id}/pay", method = RequestMethod.POST)
    public String pay(@PathVariable long id) {
        return "ok";
    }
}
"""

DJANGO_HEAD = """from django.urls import path, re_path

from . import views

urlpatterns = [
    path("orders/", views.order_list),
    path("orders/<int:pk>/", views.order_detail),
    re_path(r"^refunds/(?P<pk>[0-9]+)/$", views.refund),
]
"""


@pytest.mark.parametrize(
    ("files", "url", "method", "path", "line", "route"),
    [
        ({"app.py": FLASK_HEAD}, "/invoices/42?q=x", "GET", "app.py", 11, "GET /invoices/<int:invoice_id>"),
        ({"api/items.py": FASTAPI_HEAD}, "/api/items/7?q=x", "GET", "api/items.py", 6, "GET /api/items/{item_id}"),
        ({"src/routes.js": EXPRESS_HEAD}, "/orders/9/notes", "POST", "src/routes.js", 5, "POST /orders/:orderId/notes"),
        (
            {"src/main/java/com/example/billing/InvoiceController.java": SPRING_HEAD},
            "/api/invoices/42?q=x",
            "GET",
            "src/main/java/com/example/billing/InvoiceController.java",
            9,
            "GET /api/invoices/{id}",
        ),
        (
            {"src/main/java/com/example/billing/InvoiceController.java": SPRING_HEAD},
            "/api/invoices/42/pay",
            "POST",
            "src/main/java/com/example/billing/InvoiceController.java",
            14,
            "POST /api/invoices/{id}/pay",
        ),
        ({"shop/urls.py": DJANGO_HEAD}, "/shop/orders/5/", "GET", "shop/urls.py", 7, "ANY orders/<int:pk>/"),
        ({"shop/urls.py": DJANGO_HEAD}, "/shop/refunds/12/", "POST", "shop/urls.py", 8, "ANY refunds/<p>/"),
    ],
)
def test_alert_maps_to_the_route_declared_in_the_change(
    repo: GitRepo, tmp_path: Path, files: dict[str, str], url: str, method: str, path: str, line: int, route: str
) -> None:
    base = repo.commit({"README.md": "app\n"})
    repo.commit(files)
    report = write_report(tmp_path / "report.json", alert(PREVIEW + url, method=method))
    result = run(repo_review(repo, base, {"report": str(report)}))
    assert result.status is AnalyzerStatus.OK, result.detail
    (finding,) = result.findings
    assert finding.location == CodeLocation(path, line, line)
    assert finding.in_diff is True
    assert finding.cwe == ("CWE-79",)
    assert finding.extra_locations == (WebLocation(PREVIEW + url, method, "q"),)
    assert finding.description.startswith(f"Mapped by route `{route}` (")
    assert f"from ZAP alert on {method} {PREVIEW}{url}." in finding.description
    assert finding.fingerprint == web_fingerprint("zap.40012", PREVIEW + url, method, "q")  # unchanged by mapping
    assert "1 mapped to a route in the change" in result.detail


def test_route_outside_the_change_is_not_mapped(repo: GitRepo, tmp_path: Path) -> None:
    base = repo.commit({"app.py": FLASK_HEAD})
    repo.commit({"README.md": "docs only\n"})
    report = write_report(tmp_path / "report.json", alert(PREVIEW + "/invoices/42"))
    (finding,) = run(repo_review(repo, base, {"report": str(report)})).findings
    assert isinstance(finding.location, WebLocation)


def test_method_mismatch_and_systemic_alerts_are_not_mapped(repo: GitRepo, tmp_path: Path) -> None:
    base = repo.commit({"README.md": "app\n"})
    repo.commit({"app.py": FLASK_HEAD})
    wrong_method = alert(PREVIEW + "/invoices/42", method="DELETE")
    systemic = {**alert(PREVIEW + "/invoices/42", plugin="10038"), "systemic": "true"}
    report = write_report(tmp_path / "report.json", wrong_method, systemic)
    findings = run(repo_review(repo, base, {"report": str(report)})).findings
    assert all(isinstance(f.location, WebLocation) for f in findings)


def test_mapping_on_an_unchanged_line_of_a_changed_file(repo: GitRepo, tmp_path: Path) -> None:
    base = repo.commit({"app.py": FLASK_HEAD})
    repo.commit({"app.py": FLASK_HEAD + "\n# a comment\n"})
    report = write_report(tmp_path / "report.json", alert(PREVIEW + "/invoices/42"))
    (finding,) = run(repo_review(repo, base, {"report": str(report)})).findings
    assert finding.location == CodeLocation("app.py", 11, 11)
    assert finding.in_diff is False


def test_map_routes_off(repo: GitRepo, tmp_path: Path) -> None:
    base = repo.commit({"README.md": "app\n"})
    repo.commit({"app.py": FLASK_HEAD})
    report = write_report(tmp_path / "report.json", alert(PREVIEW + "/invoices/42"))
    (finding,) = run(repo_review(repo, base, {"report": str(report), "map_routes": False})).findings
    assert isinstance(finding.location, WebLocation)
