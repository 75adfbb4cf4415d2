"""The eval report, for a terminal (text) and for a reviewer of the AI's behaviour (Markdown)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pr_review.eval.evaluate import EvalResult
from pr_review.report.markdown import cell


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _model_line(entry: Mapping[str, Any]) -> str:
    model = entry["model"]
    if not model["evaluated"]:
        return "Claude: NOT evaluated"
    where = model["provider"] + (f" {model['region']}" if model["region"] else "")
    return f"Claude: {model['answered'] or model['requested']} via {where}"


def _cost(entry: Mapping[str, Any]) -> str:
    return "unknown (no price for the model)" if entry["cost_usd"] is None else f"${entry['cost_usd']:.4f}"


def render_text(result: EvalResult) -> str:
    entry = result.entry
    overall = entry["overall"]
    lines = [
        f"suite {entry['suite']['name']} ({entry['suite']['cases']} cases, sha256 {entry['suite']['sha256'][:12]}…)",
        _model_line(entry),
        f"recall {_share(overall['recall'])} ({overall['detected']}/{overall['vulnerable']}), "
        f"false-positive rate {_share(overall['fp_rate'])} ({overall['false_positives']}/{overall['safe']}), "
        f"precision {_share(overall['precision'])}",
        f"tokens {sum(entry['tokens'].values()):,}, cost {_cost(entry)}, latency {entry['latency_s']['total']:.1f} s",
    ]
    for cwe, figures in entry["per_class"].items():
        lines.append(f"  {cwe}: recall {_share(figures['recall'])}, false-positive rate {_share(figures['fp_rate'])}")
    lines += [
        f"  analyzer {name}: detected {a['detected']}, false positives {a['false_positives']}"
        for name, a in entry["per_analyzer"].items()
    ]
    lines += _comparison(result)
    lines += [f"INCOMPLETE: {item}" for item in result.incomplete]
    lines += [f"note: {note}" for note in result.notes]
    return "\n".join(lines)


def _comparison(result: EvalResult) -> list[str]:
    if result.compared_with is None:
        return ["no earlier run of this suite to compare with"]
    lines = [f"compared with the run of {result.compared_with}:"]
    if not result.drift:
        return [*lines, "  no drift beyond the threshold"]
    return lines + [f"  {'DRIFT' if d.worse else 'better'}: {d.describe()}" for d in result.drift]


def render_markdown(result: EvalResult, *, chart: str | None = None) -> str:
    entry = result.entry
    model = entry["model"]
    out = [
        "# pr-review eval",
        "",
        f"- date: {entry['date']}, pr-review {entry['pr_review_version']}",
        f"- suite: `{cell(entry['suite']['name'])}`, {entry['suite']['cases']} cases, "
        f"sha256 `{entry['suite']['sha256']}`",
        f"- {cell(_model_line(entry))}; prompt sha256 `{model['prompt_sha256']}`",
        f"- rules: {cell(', '.join(entry['rules']['config']))} (sha256 `{entry['rules']['sha256']}`)",
        f"- tokens {sum(entry['tokens'].values()):,}; cost {_cost(entry)}; latency {entry['latency_s']['total']:.1f} s "
        f"(mean {entry['latency_s']['mean']:.1f} s per case)",
    ]
    if not model["evaluated"]:
        out.append(f"- **Claude was not evaluated**: {cell(model.get('not_evaluated_reason', ''))}")
    out += ["", "## Comparison", "", *_comparison(result)]
    out += [f"- **incomplete**: {cell(item)}" for item in result.incomplete]
    out += [
        "",
        "## Per CWE class",
        "",
        "| class | recall | false-positive rate | precision | cases |",
        "|---|---|---|---|---|",
    ]
    rows = [("overall", entry["overall"]), *entry["per_class"].items()]
    out += [
        f"| {cell(name)} | {_share(f['recall'])} | {_share(f['fp_rate'])} | {_share(f['precision'])} | "
        f"{f['vulnerable']} vulnerable, {f['safe']} safe |"
        for name, f in rows
    ]
    out += ["", "## Per analyzer", "", "| analyzer | detected | false positives |", "|---|---|---|"]
    out += [f"| {cell(n)} | {a['detected']} | {a['false_positives']} |" for n, a in entry["per_analyzer"].items()]
    out += [
        "",
        "## Per case",
        "",
        "| case | class | label | result | by | tokens | seconds |",
        "|---|---|---|---|---|---|---|",
    ]
    for case_id, case in entry["cases"].items():
        label = "vulnerable" if case["vulnerable"] else "safe"
        outcome = (
            ("detected" if case["hit"] else "MISSED")
            if case["vulnerable"]
            else ("FALSE POSITIVE" if case["hit"] else "quiet")
        )
        out.append(
            f"| {cell(case_id)} | {cell(case['cwe'])} | {label} | {outcome} | {cell(', '.join(case['by']) or '-')} | "
            f"{sum(case['tokens'].values()):,} | {case['duration_s']:.1f} |"
        )
    if chart:
        out += ["", f"![figures over time]({chart})"]
    return "\n".join(out) + "\n"
