"""A deterministic synthetic repository for benchmarks: a base commit and a head commit.

    python benchmarks/generate.py /tmp/bench-repo [--files 2000 --changed 300 --added-lines 20000]

The repository mixes Python, JavaScript, Go and Java request handlers. The head commit appends
new handlers to `changed` files (about `added_lines` lines in all); a few of the new Python
handlers build SQL by string concatenation, so a review has something to find. The same
arguments and seed give byte-identical files and the same commit ids.
"""

# ruff: noqa: S608  (SQL text here is source code for the synthetic repository, never executed)
from __future__ import annotations

import argparse
import os
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

SEED = 20240601
_DATE = "2024-06-01T12:00:00+00:00"
_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_AUTHOR_DATE": _DATE,
    "GIT_COMMITTER_DATE": _DATE,
    "GIT_CONFIG_NOSYSTEM": "1",
}
_NOUNS = [
    "invoice",
    "account",
    "order",
    "payment",
    "refund",
    "customer",
    "ledger",
    "report",
    "session",
    "user",
    "token",
    "shipment",
    "product",
    "cart",
    "coupon",
    "review",
    "audit",
    "export",
    "import",
    "webhook",
    "tenant",
    "plan",
    "quota",
]
_EXT = {"python": "py", "javascript": "js", "go": "go", "java": "java"}
_LANG_MIX = ("python", "python", "javascript", "go", "java")


@dataclass(frozen=True, slots=True)
class GeneratedRepo:
    path: Path
    base: str
    head: str
    changed_files: int
    added_lines: int
    vulnerable_lines: int


def _header(lang: str, noun: str, package: str) -> str:
    if lang == "python":
        return (
            f'"""{noun.title()} handlers."""\n\nimport logging\n\n'
            "from flask import Blueprint, jsonify, request\n\nfrom app.db import get_connection\n\n"
            f'logger = logging.getLogger(__name__)\nbp = Blueprint("{noun}", __name__)\n'
        )
    if lang == "javascript":
        return (
            f"// {noun} routes\n'use strict';\n\nconst express = require('express');\n"
            "const db = require('../db');\n\nconst router = express.Router();\nmodule.exports = router;\n"
        )
    if lang == "go":
        return (
            f"// Package {package} serves {noun} endpoints.\npackage {package}\n\nimport (\n"
            '\t"database/sql"\n\t"encoding/json"\n\t"net/http"\n)\n\nvar db *sql.DB\n'
        )
    return (
        f"package com.example.{package};\n\nimport org.springframework.web.bind.annotation.*;\n"
        "import org.springframework.jdbc.core.JdbcTemplate;\nimport java.util.*;\n\n"
        f"@RestController\npublic class {noun.title()}Controller{package.title()} {{\n"
        "    private final JdbcTemplate jdbc;\n\n"
        f"    public {noun.title()}Controller{package.title()}(JdbcTemplate jdbc) {{\n"
        "        this.jdbc = jdbc;\n    }\n"
    )


def _footer(lang: str) -> str:
    return "}\n" if lang == "java" else ""


def _handler(lang: str, noun: str, n: int, vulnerable: bool) -> str:
    name = f"{noun}_{n}"
    if lang == "python":
        if vulnerable:
            lookup = (
                f'    query = "SELECT id, status FROM {noun}s WHERE owner = \'" + owner + "\'"\n'
                "    rows = conn.execute(query).fetchall()\n"
            )
        else:
            lookup = f'    rows = conn.execute("SELECT id, status FROM {noun}s WHERE owner = ?", (owner,)).fetchall()\n'
        return (
            f'\n\n@bp.route("/{noun}s/{n}")\ndef list_{name}():\n'
            '    owner = request.args.get("owner", "")\n'
            '    limit = min(int(request.args.get("limit", 50)), 500)\n'
            "    conn = get_connection()\n"
            f"{lookup}"
            f'    logger.info("listed %d {noun}s", len(rows))\n'
            "    return jsonify(items=[dict(id=r[0], status=r[1]) for r in rows[:limit]])\n"
        )
    if lang == "javascript":
        return (
            f"\nrouter.get('/{noun}s/{n}', async (req, res) => {{\n"
            "  const owner = String(req.query.owner || '');\n"
            "  const limit = Math.min(Number(req.query.limit) || 50, 500);\n"
            f"  const rows = await db.query('SELECT id, status FROM {noun}s WHERE owner = $1', [owner]);\n"
            f"  res.json({{ items: rows.slice(0, limit), kind: '{noun}' }});\n"
            "});\n"
        )
    if lang == "go":
        return (
            f"\nfunc List{noun.title()}{n}(w http.ResponseWriter, r *http.Request) {{\n"
            '\towner := r.URL.Query().Get("owner")\n'
            f'\trows, err := db.Query("SELECT id, status FROM {noun}s WHERE owner = $1", owner)\n'
            "\tif err != nil {\n\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)\n\t\treturn\n\t}\n"
            "\tdefer rows.Close()\n"
            '\t_ = json.NewEncoder(w).Encode(map[string]string{"owner": owner})\n'
            "}\n"
        )
    return (
        f'\n    @GetMapping("/{noun}s/{n}")\n'
        f"    public List<Map<String, Object>> list{noun.title()}{n}(@RequestParam String owner) {{\n"
        f'        String sql = "SELECT id, status FROM {noun}s WHERE owner = ?";\n'
        "        return jdbc.queryForList(sql, owner);\n"
        "    }\n"
    )


def _git(path: Path, *args: str) -> str:
    env = {**os.environ, **_ENV, "HOME": str(path)}
    done = subprocess.run(["git", "-C", str(path), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def _file_text(lang: str, noun: str, package: str, handlers: list[str]) -> str:
    return _header(lang, noun, package) + "".join(handlers) + _footer(lang)


def generate(
    path: Path, files: int = 2000, changed: int = 300, added_lines: int = 20000, *, seed: int = SEED
) -> GeneratedRepo:
    """Create (or replace the contents of) a git repository at `path`; returns its two commits."""
    rng = random.Random(seed)
    path.mkdir(parents=True, exist_ok=True)
    if not (path / ".git").is_dir():
        _git(path, "init", "-q", "-b", "main")
    layout: list[tuple[Path, str, str, str, list[str]]] = []
    for index in range(files):
        lang = _LANG_MIX[index % len(_LANG_MIX)]
        noun = rng.choice(_NOUNS)
        package = f"svc{index // 50}"
        folder = {"python": "app", "javascript": "web/routes", "go": "internal", "java": "src/main/java/com/example"}
        relative = Path(folder[lang]) / package / f"{noun}_{index}.{_EXT[lang]}"
        handlers = [_handler(lang, noun, n, vulnerable=False) for n in range(rng.randint(3, 8))]
        layout.append((relative, lang, noun, package, handlers))
    for relative, lang, noun, package, handlers in layout:
        target = path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_file_text(lang, noun, package, handlers), encoding="utf-8")
    (path / "app" / "db.py").write_text(
        "import sqlite3\n\n\ndef get_connection():\n    return sqlite3.connect('app.db')\n"
    )
    _git(path, "add", "-A")
    _git(path, "commit", "-q", "-m", "base")
    base = _git(path, "rev-parse", "HEAD")

    chosen = sorted(rng.sample(range(files), min(changed, files)))
    per_file = max(1, added_lines // max(1, len(chosen)))
    total_added = vulnerable = 0
    for position, index in enumerate(chosen):
        relative, lang, noun, package, handlers = layout[index]
        added = 0
        n = len(handlers)
        while added < per_file:
            is_vulnerable = lang == "python" and position % 10 == 0 and added == 0
            text = _handler(lang, noun, n, vulnerable=is_vulnerable)
            handlers.append(text)
            added += text.count("\n")
            vulnerable += is_vulnerable
            n += 1
        total_added += added
        (path / relative).write_text(_file_text(lang, noun, package, handlers), encoding="utf-8")
    _git(path, "add", "-A")
    _git(path, "commit", "-q", "-m", "head: new handlers")
    head = _git(path, "rev-parse", "HEAD")
    return GeneratedRepo(path, base, head, len(chosen), total_added, vulnerable)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--changed", type=int, default=300)
    parser.add_argument("--added-lines", type=int, default=20000)
    args = parser.parse_args()
    repo = generate(args.path, args.files, args.changed, args.added_lines)
    print(
        f"{repo.path}: base {repo.base[:12]} head {repo.head[:12]}, {repo.changed_files} files changed, "
        f"{repo.added_lines} lines added, {repo.vulnerable_lines} vulnerable"
    )


if __name__ == "__main__":
    main()
