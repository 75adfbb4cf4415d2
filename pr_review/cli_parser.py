"""The command line's grammar: every command, flag and default. cli.py runs what it parses."""

from __future__ import annotations

import argparse
from pathlib import Path

from pr_review import __version__
from pr_review.errors import UsageError
from pr_review.gather.local_git import WORKTREE
from pr_review.report.terminal import FORMATS

DEFAULT_RESULTS_DIR = "pr-review-results"
DEFAULT_PUBLISH_DIR = "pr-review-publish"
SEVERITY_CHOICES = ("critical", "high", "medium", "low", "none")
TOKEN_BUDGET_RANGE = range(1000, 100_000_001)
CONFIG_HELP = "configuration (default: .github/pr-review.yml; a file inside the repository is read at the base commit)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}", hint=f"see `{self.prog} --help`")


def _add_zap_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--zap-report", metavar="FILE", help="ZAP JSON report (zap-baseline.py -J) to include, instead of zap.report"
    )
    parser.add_argument(
        "--zap-target", metavar="URL", help="URL to scan with a ZAP baseline in a container, instead of zap.target"
    )


def _add_review_flags(parser: argparse.ArgumentParser) -> None:
    """Flags that override the configuration file, shared by `scan` and `run`."""
    parser.add_argument("--fail-on", choices=SEVERITY_CHOICES, help="exit 1 on findings at or above this severity")
    parser.add_argument(
        "--semgrep-config",
        action="append",
        default=[],
        metavar="RULES",
        help="semgrep rules to use instead of semgrep.config (repeatable; 'bundled' = built-in pack)",
    )
    parser.add_argument("--model", metavar="ID", help="Claude model id instead of claude.model")
    parser.add_argument(
        "--token-budget",
        type=_token_budget,
        metavar="N",
        help=f"input tokens per Claude request instead of claude.token_budget ({TOKEN_BUDGET_RANGE.start}-"
        f"{TOKEN_BUDGET_RANGE.stop - 1})",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="also leave out these paths, like paths.exclude (repeatable; every excluded file is listed)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="send every file to Claude, carrying no findings forward from the pull request's last review "
        "(a local scan keeps no review state: it is always full)",
    )
    _add_zap_flags(parser)


def _token_budget(text: str) -> int:
    # The same bounds as claude.token_budget in schemas/config.schema.json.
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value not in TOKEN_BUDGET_RANGE:
        raise argparse.ArgumentTypeError(f"{value} is outside {TOKEN_BUDGET_RANGE.start}-{TOKEN_BUDGET_RANGE.stop - 1}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pr-review", description="Security review of a change or pull request.")
    parser.add_argument("--version", action="version", version=f"pr-review {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    scan = commands.add_parser("scan", help="review a local change (git refs, the worktree or a diff file)")
    scan.add_argument("repo", nargs="?", default=".", type=Path, help="repository (default: .)")
    scan.add_argument("--base", help="base ref (default: merge-base with the default branch)")
    scan.add_argument(
        "--head", default="HEAD", help=f"head ref (default: HEAD; {WORKTREE} includes uncommitted changes)"
    )
    scan.add_argument("--diff", type=Path, metavar="FILE", help="review this unified diff instead of git refs")
    scan.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help=CONFIG_HELP,
    )
    scan.add_argument("--format", choices=FORMATS, default="text")
    scan.add_argument(
        "--out", type=Path, metavar="DIR", help="also write findings.json, results.sarif, summary.md here"
    )
    _add_review_flags(scan)

    run = commands.add_parser("run", help="review the pull request of this GitHub Actions run and report on it")
    run.add_argument("--config", type=Path, metavar="FILE", help=CONFIG_HELP)
    run.add_argument(
        "--out",
        type=Path,
        default=Path(DEFAULT_RESULTS_DIR),
        metavar="DIR",
        help=f"where findings.json, results.sarif, summary.md, audit.jsonl go (default: {DEFAULT_RESULTS_DIR})",
    )
    run.add_argument(
        "--no-post",
        action="store_true",
        help="write results only; post them later with `publish` from a job with a write token",
    )
    _add_review_flags(run)

    publish = commands.add_parser("publish", help="post the results of a `run --no-post` job on its pull request")
    publish.add_argument("--results", type=Path, required=True, metavar="DIR", help="the uploaded results directory")
    publish.add_argument(
        "--pr", type=int, metavar="N", help="pull request number (default: from the workflow_run or pull_request event)"
    )
    publish.add_argument("--config", type=Path, metavar="FILE", help=CONFIG_HELP)
    publish.add_argument("--fail-on", choices=SEVERITY_CHOICES, help="exit 1 on findings at or above this severity")
    publish.add_argument(
        "--out",
        type=Path,
        default=Path(DEFAULT_PUBLISH_DIR),
        metavar="DIR",
        help=f"where this job's own audit trail, publish-audit.jsonl, goes (default: {DEFAULT_PUBLISH_DIR})",
    )

    init = commands.add_parser("init", help="add the example workflow and a commented configuration to a repository")
    init.add_argument("repo", nargs="?", default=".", type=Path, help="repository root (default: .)")
    init.add_argument("--force", action="store_true", help="overwrite existing files")

    audit = commands.add_parser("audit", help="check or read an audit trail (audit.jsonl)")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True, parser_class=_Parser)
    audit_verify = audit_commands.add_parser(
        "verify", help="check the hash chain (and HMAC with PR_REVIEW_AUDIT_KEY): exit 0 intact, 1 not"
    )
    audit_verify.add_argument("file", type=Path, metavar="FILE")
    published = audit_verify.add_mutually_exclusive_group()
    published.add_argument(
        "--expect-head",
        metavar="HEX",
        help="the chain head the run published (step output audit-head, job summary): fails if the log ends early",
    )
    published.add_argument(
        "--pr",
        type=int,
        metavar="N",
        help="check against the head in pr-review's summary comment on pull request N "
        "(needs GITHUB_REPOSITORY and GITHUB_TOKEN; GITHUB_API_URL for GitHub Enterprise)",
    )
    audit_verify.add_argument(
        "--bot-login", metavar="LOGIN", help="with --pr: the account that posts the reviews (github.bot_login)"
    )
    audit_show = audit_commands.add_parser(
        "show", help="print the events as a table, or with --request one captured model exchange"
    )
    audit_show.add_argument("file", type=Path, nargs="?", metavar="FILE")
    _add_exchange_flags(audit_show)

    metrics = commands.add_parser("metrics", help="findings, dismissal rates and escalations across audit trails")
    metrics.add_argument("files", nargs="+", type=Path, metavar="AUDIT_FILE", help="audit.jsonl files of many runs")
    metrics.add_argument(
        "--out", type=Path, default=Path("pr-review-metrics"), metavar="DIR", help="where metrics.md and the chart go"
    )
    metrics.add_argument(
        "--threshold", choices=SEVERITY_CHOICES[:-1], default="high", help="severity that escalates (default: high)"
    )

    _add_replay(commands)
    _add_eval(commands)

    rules = commands.add_parser("rules", help="the Semgrep rules a review would run")
    rules_commands = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    rules_list = rules_commands.add_parser("list", help="print the rules with their CWE and severity")
    rules_list.add_argument("--config", type=Path, metavar="FILE", help="configuration file")
    rules_list.add_argument("--semgrep-config", action="append", default=[], metavar="RULES")
    return parser


def _add_exchange_flags(audit_show: argparse.ArgumentParser) -> None:
    audit_show.add_argument(
        "--request", metavar="SHA", help="print the model request with this sha256 and its answer (audit.capture: full)"
    )
    audit_show.add_argument(
        "--results",
        type=Path,
        metavar="DIR",
        help=f"with --request: the run's results directory (default: FILE's directory, else {DEFAULT_RESULTS_DIR})",
    )


def _add_replay(commands: argparse._SubParsersAction[_Parser]) -> None:
    replay = commands.add_parser(
        "replay", help="send a run's captured model requests again and compare the findings, one by one"
    )
    replay.add_argument("results", type=Path, metavar="RESULTS_DIR", help="results of a run with audit.capture: full")
    replay.add_argument("--config", type=Path, metavar="FILE", help="configuration: provider, retries, line slack")
    replay.add_argument("--model", metavar="ID", help="send to this model instead of the recorded one")
    replay.add_argument("--json", action="store_true", help="print the comparison as JSON")


def _add_eval(commands: argparse._SubParsersAction[_Parser]) -> None:
    evaluate = commands.add_parser(
        "eval", help="run a labelled suite through the configured review: recall, false positives, drift over time"
    )
    evaluate.add_argument("--suite", type=Path, metavar="DIR", help="suite of cases (default: the bundled suite)")
    evaluate.add_argument("--config", type=Path, metavar="FILE", help="configuration the cases are reviewed with")
    evaluate.add_argument(
        "--history", type=Path, metavar="FILE", help="JSONL history: this run is appended and compared with the last"
    )
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON instead of text")
    evaluate.add_argument("--markdown", type=Path, metavar="OUT", help="also write the report as Markdown")
    evaluate.add_argument("--chart", type=Path, metavar="OUT.png", help="also draw the history's figures over time")
    evaluate.add_argument(
        "--threshold",
        type=_share,
        default=None,
        metavar="SHARE",
        help="drift: largest drop in recall or rise in false-positive rate tolerated, 0-1 (default: 0.1)",
    )
    evaluate_commands = evaluate.add_subparsers(dest="eval_command", parser_class=_Parser)
    export = evaluate_commands.add_parser(
        "export", help="turn the confirmed and dismissed findings of audit trails into new cases"
    )
    export.add_argument("--audit", type=Path, nargs="+", required=True, metavar="FILE", help="audit.jsonl files")
    export.add_argument("--repo", type=Path, default=Path("."), metavar="DIR", help="git repository with the commits")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="where the new cases go")
    export.add_argument(
        "--findings",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="findings.json of the runs, for the CWEs (repeatable; default: the one beside each audit file)",
    )


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{value} is outside 0-1")
    return value
