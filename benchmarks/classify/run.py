"""Classification throughput vs Semgrep on the same synthetic change.

    .venv/bin/python benchmarks/classify/run.py [--files 300] [--lines 67]

Builds a temporary git repository with a ~20k-added-line change (Python files with a few
secrets, addresses and card numbers sprinkled in), then times, in the same run:
  - classification: build_model_view (every line of every file bound for the model) plus the
    SecretsAnalyzer (added lines), cold caches; the detectors' one-off start-up (imports,
    detect-secrets plugins, CredSweeper's rules and ML model, presidio's recognizers) is timed
    separately: a run pays it once;
  - semgrep scan of the same files with the bundled pack.
Prints the ratio classification / semgrep (target ≤ 0.25).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pr_review import rulepack  # noqa: E402
from pr_review.analyzers.secrets import added_line_findings  # noqa: E402
from pr_review.classify import detect, personal, sweep  # noqa: E402
from pr_review.classify.redact import build_model_view  # noqa: E402
from pr_review.config_loader import build_config  # noqa: E402
from pr_review.gather.local_git import from_git  # noqa: E402
from pr_review.scope import build_scope  # noqa: E402

TEMPLATES = (
    "def handler_{i}(request, user_id):",
    "    result = compute_value(item_{i}, 'name_{i}', other) + {i}",
    "    logger.info('processing %s for %s', request.path, user_id)",
    "    if not user_id:",
    "        raise ValueError('missing user id')",
    "    rows = db.execute('SELECT * FROM items WHERE owner = ?', (user_id,))",
    "    return {{'status': 'ok', 'count': len(rows), 'id': {i}}}",
    "",
    "class Service{i}(Base):",
    '    """Handles requests for tenant {i}."""',
    "    timeout = {i} * 1.5",
    "    url = 'https://api.internal/v1/items/{i}'",
)
SPRINKLES = (
    'AWS_KEY = "AKIA{r16}"',
    'password = "s3cr3t-{r8}"',
    'CONTACT = "person{i}@acme-corp.com"',
    'DOCS = "team{i}@example.com"',
    "PHONE = '+1 415-555-{d4}'",
    "ref = 'da39a3ee5e6b4b0d3255bfef95601890afd8{d4}'  # commit sha",
)


def generate(files: int, lines: int, rng: random.Random) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in range(files):
        body = []
        for n in range(lines):
            template = rng.choice(SPRINKLES) if rng.random() < 0.01 else TEMPLATES[n % len(TEMPLATES)]
            body.append(
                template.format(
                    i=f * 1000 + n,
                    r16="".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)),
                    r8="".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8)),
                    d4=f"{rng.randrange(10000):04d}",
                )
            )
        out[f"src/pkg{f // 50}/module_{f}.py"] = "\n".join(body) + "\n"
    return out


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.com"}
    env |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.com", "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env, text=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--lines", type=int, default=67)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="classify-bench-") as tmp:
        repo = Path(tmp)
        git(repo, "init", "-q", "-b", "main")
        (repo / "README.md").write_text("bench\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        base = git(repo, "rev-parse", "HEAD").strip()
        for path, text in generate(args.files, args.lines, random.Random(6)).items():
            (repo / path).parent.mkdir(parents=True, exist_ok=True)
            (repo / path).write_text(text)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "change")
        config = build_config({})
        scope = build_scope(from_git(repo, base, "HEAD"), config)
        added = sum(len(f.added_lines) for f in scope.files)

        started = time.perf_counter()
        detect._engine()  # one-off set-up, as in a real run before the first file
        sweep._sweeper()
        for recognizer in (personal._card_recognizer, personal._ssn_recognizer, personal._iban_recognizer):
            recognizer()
        startup_s = time.perf_counter() - started
        detect._secret_hits.cache_clear()
        started = time.perf_counter()
        classified = build_model_view(scope, config.classification)
        view_s = time.perf_counter() - started
        started = time.perf_counter()
        findings = [
            finding
            for f in scope.files
            for finding in added_line_findings(f.path, scope.text(f.path), f.added_lines, config.classification)
        ]
        analyzer_s = time.perf_counter() - started
        classify_s = view_s + analyzer_s

        semgrep = str(Path(sys.executable).with_name("semgrep"))
        targets = [f"./{f.path}" for f in scope.files]
        argv = [semgrep, "scan", "--json", "--metrics=off", "--disable-version-check", "--quiet"]
        pack_dir = Path(tmp) / "pack"
        pack_dir.mkdir(exist_ok=True)
        argv += ["--config", str(rulepack.merged_pack(pack_dir)), "--", *targets]
        env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
        started = time.perf_counter()
        subprocess.run(argv, cwd=repo, capture_output=True, check=False, env=env, timeout=900)
        semgrep_s = time.perf_counter() - started

    ratio = classify_s / semgrep_s
    print(f"files: {len(scope.files)}, added lines: {added}")
    print(f"classification: {classify_s:.2f}s (model view {view_s:.2f}s + secrets analyzer {analyzer_s:.2f}s)")
    print(
        f"  redactions: {len(classified.view.redactions)}, withheld: {len(classified.view.withheld)}, "
        f"findings: {len(findings)}"
    )
    print(f"detector start-up (once per run, not in the ratio): {startup_s:.2f}s")
    print(f"semgrep: {semgrep_s:.2f}s")
    print(f"ratio classification / semgrep: {ratio:.3f} (target <= 0.25)")
    return 0 if ratio <= 0.25 else 1


if __name__ == "__main__":
    raise SystemExit(main())
