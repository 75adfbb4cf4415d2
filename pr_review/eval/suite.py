"""A suite of labelled cases (docs/eval.md): one directory per case, holding `base/` and `head/`
trees and `case.json` (schemas/eval-case.schema.json). The suite's sha256 covers every file of every
case, so two runs are comparable only when they reviewed exactly the same cases."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pr_review.errors import UsageError
from pr_review.resources import data_dir
from pr_review.validate import load_valid

CASE_FILE = "case.json"
CASE_SCHEMA = "eval-case.schema.json"
MAX_CASES = 1000
MAX_CASE_FILE_BYTES = 64 * 1024
_CASE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    directory: Path
    language: str
    cwe: str  # the class the case belongs to; a safe case is a look-alike of this class
    vulnerable: bool
    file: str  # the head path the flaw is in (vulnerable), or the path that must stay quiet (safe)
    flaw_line: int
    end_line: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class Suite:
    path: Path
    cases: tuple[Case, ...]
    sha256: str


def bundled_suite() -> Path:
    return data_dir("eval-suite")


def load_suite(path: Path) -> Suite:
    """Every case of the suite, checked; a bad case is a usage error naming it (exit 2)."""
    if not path.is_dir():
        raise UsageError(f"{path}: no such suite directory")
    directories = sorted(p for p in path.iterdir() if (p / CASE_FILE).is_file())
    if not directories:
        raise UsageError(f"{path}: no cases (directories with a {CASE_FILE})", hint="see docs/eval.md")
    if len(directories) > MAX_CASES:
        raise UsageError(f"{path}: {len(directories)} cases, more than {MAX_CASES}")
    cases = tuple(_load_case(directory) for directory in directories)
    return Suite(path, cases, _suite_sha256(path, directories))


def _load_case(directory: Path) -> Case:
    where = f"case {directory.name}"
    if not _CASE_ID.fullmatch(directory.name):
        raise UsageError(f"{where}: a case id is 1-100 of [A-Za-z0-9._-], starting with a letter or digit")
    raw = (directory / CASE_FILE).read_bytes()[: MAX_CASE_FILE_BYTES + 1]
    label = load_valid(raw, CASE_SCHEMA, f"{where}: {CASE_FILE}")
    if not (directory / "head" / label["file"]).is_file():
        raise UsageError(f"{where}: its labelled file {label['file']!r} is not in head/")
    return Case(
        id=directory.name,
        directory=directory,
        language=label["language"],
        cwe=label["cwe"],
        vulnerable=label["vulnerable"],
        file=label["file"],
        flaw_line=label["flaw_line"],
        end_line=max(label.get("end_line", label["flaw_line"]), label["flaw_line"]),
        description=label.get("description", ""),
    )


def _suite_sha256(root: Path, directories: list[Path]) -> str:
    digest = hashlib.sha256(b"pr-review-eval-suite-v1\x00")
    for directory in directories:
        for file in sorted(p for p in directory.rglob("*") if p.is_file()):
            name = file.relative_to(root).as_posix().encode()
            digest.update(len(name).to_bytes(4, "big") + name + hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()
