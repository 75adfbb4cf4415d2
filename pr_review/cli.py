"""Command line: arguments → config → pipeline → exit code. No review logic lives here."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.console import Console

from pr_review.analyzers.base import Credentials
from pr_review.audit import audit_key_from_env
from pr_review.audit_verify import check_head, verify
from pr_review.cli_parser import DEFAULT_RESULTS_DIR, build_parser
from pr_review.config import DEFAULT_CONFIG_PATH, Config
from pr_review.config_loader import build_config, load_config_file, with_overrides
from pr_review.errors import ExitCode, PrReviewError, UsageError
from pr_review.gather.change import Change
from pr_review.gather.local_git import from_diff_file, from_git
from pr_review.github.actions import ActionsEnvironment
from pr_review.github.audit_head import published_head
from pr_review.github.run import RunOptions, make_api, publish_results, run_in_actions
from pr_review.init import init_repository
from pr_review.lifecycle import ChangeReview, ReviewRun, RunStart
from pr_review.no_follow import replace_file
from pr_review.progress import ActionsProgress, PlainProgress, Progress, RichProgress
from pr_review.report.audit_events import local_actor
from pr_review.report.audit_table import render_table
from pr_review.report.files import FilesReporter
from pr_review.report.reporter import Reporter
from pr_review.report.terminal import TerminalReporter
from pr_review.trust import BaseTree, DirectoryTree, GitBaseTree, load_review_config

logger = logging.getLogger("pr_review")


def _configure_logging(verbosity: int, environ: Mapping[str, str]) -> None:
    named = logging.getLevelNamesMapping().get(environ.get("PR_REVIEW_LOG_LEVEL", "").upper())
    if environ.get("RUNNER_DEBUG") == "1" or verbosity >= 2:
        level = logging.DEBUG
    elif verbosity == 1:
        level = logging.INFO
    else:
        level = named if named is not None else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


def make_progress(environ: Mapping[str, str]) -> Progress:
    if environ.get("GITHUB_ACTIONS") == "true":
        return ActionsProgress()
    if sys.stderr.isatty():
        return RichProgress(Console(stderr=True))
    return PlainProgress()


def _gather(args: argparse.Namespace) -> tuple[Change, Path | None]:
    if args.diff is not None:
        checkout = args.repo if args.repo.is_dir() else None
        return from_diff_file(args.diff, checkout), checkout
    change = from_git(args.repo, args.base, args.head)
    return change, Path(change.target.repository)


def _scan_config(args: argparse.Namespace, change: Change, root: Path | None) -> Config:
    if root is not None and change.target.base:
        config = load_review_config(args.config, root, GitBaseTree(root, change.target.base), change.target.base)
    elif args.config is not None:
        config = load_config_file(args.config)
    elif root is not None and (root / DEFAULT_CONFIG_PATH).is_file():
        config = load_config_file(root / DEFAULT_CONFIG_PATH)
    else:
        config = build_config({})
    return with_overrides(
        config,
        fail_on=args.fail_on,
        semgrep_config=args.semgrep_config,
        zap_report=args.zap_report,
        zap_target=args.zap_target,
        model=args.model,
        token_budget=args.token_budget,
        exclude=args.exclude,
    )


def cmd_scan(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    change, root = _gather(args)
    config = _scan_config(args, change, root)
    progress = make_progress(environ)
    if not change.files:  # still reviewed and reported: every output says there was nothing to review
        progress.note("no changes to review")
    base: BaseTree = (
        GitBaseTree(root, change.target.base)
        if root is not None and change.target.base
        else DirectoryTree(root or Path.cwd())
    )
    start = RunStart(
        change.target,
        change.pr.number,
        config,
        actor=local_actor(),
        trigger="local",
        purpose="security review of a local change",
    )
    credentials = Credentials(anthropic_api_key=environ.get("ANTHROPIC_API_KEY") or None)
    source = ChangeReview(start, change, base, credentials, environ, repo_root=root, config_file=args.config)
    reporters: list[Reporter] = [FilesReporter(args.out, checkout=root, progress=progress)] if args.out else []
    reporters.append(TerminalReporter(args.format, progress))
    exit_code, head = ReviewRun(source, reporters, progress, environ, out_dir=args.out, checkout=root).execute()
    if head is not None:
        progress.note(f"audit trail ends at chain head {head}")
    return exit_code


def cmd_audit(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    if args.audit_command == "show" and args.request is not None:
        return cmd_show_exchange(args, environ)
    if args.file is None:
        raise UsageError("pr-review audit: FILE is required", hint="see `pr-review audit --help`")
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such audit file")
    if args.audit_command == "show":
        Console(width=None if sys.stdout.isatty() else 200).print(render_table(args.file))
        return ExitCode.OK
    if args.bot_login and args.pr is None:
        raise UsageError("--bot-login only applies with --pr")
    key = audit_key_from_env(environ)
    expect_head = check_head(args.expect_head) if args.expect_head is not None else None
    if args.pr is not None:
        expect_head = _summary_comment_head(args.pr, args.bot_login, environ)
        if expect_head is None:
            print(
                f"{args.file}: NOT VERIFIED — pr-review's summary comment on pull request #{args.pr} carries no "
                "audit head, so a cut at the end of the log could not be detected (was the run's summary posted? "
                "use --expect-head with the run's audit-head output instead)"
            )
            return ExitCode.FINDINGS
    result = verify(args.file, key, expect_head=expect_head)
    if not result.ok:
        print(f"{args.file}: TAMPERED or damaged — {result.problem}")
        return ExitCode.FINDINGS
    if result.signed:
        signed = "signed, MAC verified" if key else "signed, MAC not checked (no PR_REVIEW_AUDIT_KEY)"
    else:
        signed = "unsigned"
    reaches = f", reaches the published head {expect_head[:16]}…" if expect_head else ""
    print(f"{args.file}: intact — {result.events} event(s), hash chain valid{reaches}, {signed}")
    if result.problem:
        print(f"note: {result.problem}")
    if not result.signed:
        print("note: unsigned: whoever can write the file can rewrite it whole; sign with PR_REVIEW_AUDIT_KEY")
    if not expect_head:
        print("note: a cut at the end of a run is only caught against the published head (--expect-head or --pr)")
    print(f"chain head: {result.head}")
    return ExitCode.OK


def _summary_comment_head(number: int, bot_login: str | None, environ: Mapping[str, str]) -> str | None:
    environment = ActionsEnvironment.from_environ(environ)
    environment.require_repository()
    if environment.token is None:
        raise UsageError("--pr needs GITHUB_TOKEN, with read access to the pull request")
    return published_head(make_api(environment, None, None), environment.repository, number, bot_login)


def cmd_show_exchange(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    from pr_review.replay import show_exchange

    results = args.results or (args.file.parent if args.file is not None else Path(DEFAULT_RESULTS_DIR))
    print(show_exchange(results, args.request, audit_key_from_env(environ)))
    return ExitCode.OK


def cmd_replay(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    from pr_review.replay import render_text, replay

    config = load_config_file(args.config) if args.config is not None else build_config({})
    report = replay(
        args.results,
        config,
        environ,
        api_key=environ.get("ANTHROPIC_API_KEY") or None,
        audit_key=audit_key_from_env(environ),
        model=args.model,
    )
    print(json.dumps(report.to_json(), indent=2) if args.json else render_text(report))
    if report.failed:
        return ExitCode.RUNTIME
    return ExitCode.FINDINGS if report.differs else ExitCode.OK


def cmd_eval(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    if args.eval_command == "export":
        return cmd_eval_export(args, environ)
    from pr_review.eval.chart import plot_history
    from pr_review.eval.evaluate import evaluate
    from pr_review.eval.history import DEFAULT_THRESHOLD, read_history
    from pr_review.eval.report import render_markdown, render_text
    from pr_review.eval.suite import bundled_suite, load_suite
    from pr_review.report.metrics_chart import chart_available

    if args.chart is not None and args.history is None:
        raise UsageError("--chart draws the history: give --history FILE too")
    missing = [str(p) for p in (args.history, args.markdown, args.chart) if p is not None and not p.parent.is_dir()]
    if missing:  # found out now, not after the suite ran
        raise UsageError(f"no such directory for {', '.join(missing)}")
    suite = load_suite(args.suite or bundled_suite())
    config = load_config_file(args.config) if args.config is not None else build_config({})
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    result = evaluate(suite, config, environ, history=args.history, threshold=threshold)
    chart = None
    if args.chart is not None and chart_available():
        comparable = [e for e in read_history(args.history) if e["suite"]["sha256"] == suite.sha256]
        chart = plot_history(comparable or [result.entry], args.chart)
    elif args.chart is not None:
        print(
            "note: no chart: matplotlib is not installed (pip install 'pr-review-sentinel[metrics]')", file=sys.stderr
        )
    if args.markdown is not None:
        relative = os.path.relpath(chart, args.markdown.parent) if chart else None
        replace_file(args.markdown, render_markdown(result, chart=relative).encode())
    print(json.dumps(result.to_json(), indent=2) if args.json else render_text(result))
    return result.exit_code


def cmd_eval_export(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    from pr_review.eval.export import export_cases

    for line in export_cases(args.audit, args.repo, args.out, args.findings, audit_key_from_env(environ)):
        print(line)
    return ExitCode.OK


def cmd_metrics(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    from pr_review import metrics
    from pr_review.models import Severity
    from pr_review.report.metrics_chart import chart_available, plot_dismissal_rate

    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        raise UsageError(f"no such audit file: {', '.join(missing)}")
    runs, used, skipped = metrics.load(args.files, key=audit_key_from_env(environ))
    result = metrics.compute(runs, files=used, skipped=skipped, threshold=Severity(args.threshold))
    args.out.mkdir(parents=True, exist_ok=True)
    chart = None
    if chart_available():
        chart = plot_dismissal_rate(result.weekly, args.out / "dismissal-rate.png").name
    else:
        hint = "pip install 'pr-review-sentinel[metrics]'"
        print(f"note: no chart: matplotlib is not installed ({hint})", file=sys.stderr)
    report = args.out / "metrics.md"
    replace_file(report, metrics.render_markdown(result, chart=chart).encode())
    for item in skipped:
        print(f"warning: left out {item.path}: {item.problem}", file=sys.stderr)
    print(f"wrote {report}" + (f", {args.out / chart}" if chart else ""))
    return ExitCode.OK


def cmd_rules_list(args: argparse.Namespace) -> int:
    from pr_review import rulepack
    from pr_review.analyzers.semgrep import resolve_rule_paths

    config = load_config_file(args.config) if args.config is not None else build_config({})
    config = with_overrides(config, semgrep_config=args.semgrep_config)
    local, remote = resolve_rule_paths(config.semgrep.config, Path.cwd())
    # One rule per line, tab-separated and never wrapped (rich would wrap at 80 columns and expand
    # the tabs when piped): the output is read by grep and cut as often as by people.
    rules = rulepack.list_rules(local)
    for rule in rules:
        print(f"{rule.id}\t{rule.severity}\t{','.join(rule.cwe) or '-'}\t{','.join(rule.languages)}")
    for registry_id in remote:
        print(f"{registry_id}\t(registry pack: fetched by semgrep at scan time)")
    footer = f"{len(rules)} rule(s) from {len(local)} local config(s)"
    Console(highlight=False, soft_wrap=True).print(footer, style="dim")
    return ExitCode.OK


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    try:
        args = build_parser().parse_args(argv)
        _configure_logging(args.verbose, environ)
        if args.command == "scan":
            return cmd_scan(args, environ)
        if args.command == "rules":
            return cmd_rules_list(args)
        if args.command == "audit":
            return cmd_audit(args, environ)
        if args.command == "replay":
            return cmd_replay(args, environ)
        if args.command == "eval":
            return cmd_eval(args, environ)
        if args.command == "metrics":
            return cmd_metrics(args, environ)
        if args.command == "init":
            for path in init_repository(args.repo, force=args.force):
                print(f"wrote {path}")
            print("next: add the ANTHROPIC_API_KEY secret (optional) and commit both files")
            return ExitCode.OK
        if args.command == "run":
            options = RunOptions(
                args.config,
                args.out,
                post=not args.no_post,
                fail_on=args.fail_on,
                semgrep_config=tuple(args.semgrep_config),
                zap_report=args.zap_report,
                zap_target=args.zap_target,
                model=args.model,
                token_budget=args.token_budget,
                exclude=tuple(args.exclude),
                full=args.full,
            )
            return run_in_actions(options, environ, make_progress(environ))
        if args.command == "publish":
            options = RunOptions(args.config, args.out, post=True, fail_on=args.fail_on)
            return publish_results(args.results, args.pr, options, environ, make_progress(environ))
        raise UsageError(f"unknown command {args.command!r}")
    except PrReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return int(ExitCode.RUNTIME)
