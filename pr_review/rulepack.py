"""The bundled Semgrep rule pack: the product's offline default rules.

Rules live one class per file under ``pr_review/rules/<language>/<name>.yaml``, each next to a
``semgrep --test`` annotated target with the same stem.  Semgrep pays roughly 0.1 s for every rule
file it loads, so :func:`merged_pack` concatenates all of them into a single cached rules file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

__all__ = [
    "RULES_DIR",
    "RULE_SUFFIXES",
    "RuleInfo",
    "cwe_ids",
    "iter_rule_files",
    "list_rules",
    "load_rule_file",
    "merged_pack",
]

RULES_DIR: Path = Path(__file__).parent / "rules"
RULE_SUFFIXES: tuple[str, ...] = (".yaml", ".yml")

_CWE_RE = re.compile(r"CWE[-_ ]?(\d+)", re.IGNORECASE)
_PACK_PREFIX = "pr-review-rules-"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Summary of one Semgrep rule, as shown by ``pr-review rules list``."""

    id: str
    languages: tuple[str, ...]
    severity: str
    cwe: tuple[str, ...]
    owasp: tuple[str, ...]
    confidence: str
    message: str
    source: str


def cwe_ids(metadata_cwe: object) -> tuple[str, ...]:
    """Normalise Semgrep ``metadata.cwe`` (a string or a list of strings) to ``("CWE-89", ...)``.

    Duplicates are dropped, order is kept; anything that is not a string is ignored.
    """
    items: list[object]
    if isinstance(metadata_cwe, str):
        items = [metadata_cwe]
    elif isinstance(metadata_cwe, list | tuple):
        items = list(metadata_cwe)
    else:
        return ()
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        for match in _CWE_RE.finditer(item):
            cwe = f"CWE-{int(match.group(1))}"
            if cwe not in out:
                out.append(cwe)
    return tuple(out)


def _str_tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if isinstance(v, str | int | float))
    return ()


def _plain(value: object) -> object:
    """Convert ruamel's round-trip containers into plain dicts/lists (JSON-serialisable)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def load_rule_file(path: Path) -> list[dict[str, object]]:
    """Return the rules defined in one Semgrep YAML/JSON rule file (``[]`` if it defines none)."""
    yaml = YAML(typ="safe", pure=True)
    data = _plain(yaml.load(path.read_text(encoding="utf-8")))
    if not isinstance(data, dict):
        return []
    rules = data.get("rules")
    if not isinstance(rules, list):
        return []
    return [r for r in rules if isinstance(r, dict)]


def iter_rule_files(root: Path) -> Iterator[Path]:
    """Rule files under ``root`` (or ``root`` itself), sorted; test targets are skipped.

    Semgrep test targets carry the rule file's stem with a language suffix (``x.py`` next to
    ``x.yaml``); autofix expectations are ``x.fixed.py``.  Only ``.yaml``/``.yml`` files are rule
    files, so both are skipped; so are hidden files and directories.
    """
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and path.suffix in RULE_SUFFIXES and ".fixed." not in path.name:
            yield path


def _all_rules(root: Path) -> list[tuple[Path, dict[str, object]]]:
    return [(path, rule) for path in iter_rule_files(root) for rule in load_rule_file(path)]


def _rule_info(rule: Mapping[str, object], source: Path) -> RuleInfo:
    metadata = rule.get("metadata")
    meta: Mapping[str, object] = metadata if isinstance(metadata, Mapping) else {}
    message = rule.get("message")
    return RuleInfo(
        id=str(rule.get("id", "")),
        languages=_str_tuple(rule.get("languages")),
        severity=str(rule.get("severity", "")),
        cwe=cwe_ids(meta.get("cwe")),
        owasp=_str_tuple(meta.get("owasp")),
        confidence=str(meta.get("confidence", "")),
        message=" ".join(message.split()) if isinstance(message, str) else "",
        source=str(source),
    )


def list_rules(config_paths: Sequence[Path]) -> tuple[RuleInfo, ...]:
    """The rules defined by ``config_paths`` (rule files or directories of rule files)."""
    infos: list[RuleInfo] = []
    for config in config_paths:
        infos.extend(_rule_info(rule, path) for path, rule in _all_rules(Path(config)))
    return tuple(infos)


def _default_cache_dir() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    candidate = base / "pr-review"
    try:
        candidate.mkdir(parents=True, exist_ok=True)
    except OSError:
        candidate = Path(tempfile.gettempdir()) / "pr-review-cache"
        candidate.mkdir(parents=True, exist_ok=True)
    return candidate


def _sources_digest(files: Sequence[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() if path != root else path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def merged_pack(cache_dir: Path | None = None, rules_dir: Path | None = None) -> Path:
    """Merge every rule file under ``rules_dir`` (default :data:`RULES_DIR`) into one file.

    The result is a JSON document (valid YAML, accepted by ``semgrep --config``) named after a
    hash of the sources, so it is rebuilt only when a rule changes.  Returns its path.
    Raises ``ValueError`` on duplicate rule ids.
    """
    root = rules_dir if rules_dir is not None else RULES_DIR
    files = list(iter_rule_files(root))
    target_dir = cache_dir if cache_dir is not None else _default_cache_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{_PACK_PREFIX}{_sources_digest(files, root)}.json"
    if target.is_file():
        return target
    rules: list[dict[str, object]] = []
    seen: dict[str, Path] = {}
    for path in files:
        for rule in load_rule_file(path):
            rule_id = str(rule.get("id", ""))
            if rule_id in seen:
                raise ValueError(f"duplicate rule id {rule_id!r} in {path} and {seen[rule_id]}")
            seen[rule_id] = path
            rules.append(rule)
    payload = json.dumps({"rules": rules}, indent=1, sort_keys=False)
    fd, tmp_name = tempfile.mkstemp(prefix=".pack-", suffix=".json", dir=target_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target
