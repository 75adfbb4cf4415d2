"""The bundled Semgrep rule pack: the product's offline default rules.

Rules live one class per file under ``pr_review/rules/<language>/<name>.yaml``, each next to a
``semgrep --test`` annotated target with the same stem.  Semgrep pays roughly 0.1 s for every rule
file it loads, so :func:`merged_pack` concatenates all of them into a single rules file, written
afresh into the run's private temporary directory (never a shared cache) and checked by hash.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from pr_review.no_follow import write_new

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


def _sources_digest(files: Sequence[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() if path != root else path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


# Built packs by the digest of their sources: in this process's memory, which nothing else can
# write to (a file cache at a fixed path could be planted by whatever ran earlier on the runner).
_PAYLOADS: dict[str, bytes] = {}


def _payload(files: Sequence[Path]) -> bytes:
    rules: list[dict[str, object]] = []
    seen: dict[str, Path] = {}
    for path in files:
        for rule in load_rule_file(path):
            rule_id = str(rule.get("id", ""))
            if rule_id in seen:
                raise ValueError(f"duplicate rule id {rule_id!r} in {path} and {seen[rule_id]}")
            seen[rule_id] = path
            rules.append(rule)
    return json.dumps({"rules": rules}, indent=1, sort_keys=False).encode()


def merged_pack(into: Path, rules_dir: Path | None = None) -> Path:
    """Merge every rule file under ``rules_dir`` (default :data:`RULES_DIR`) into one file in ``into``,
    a private directory of this run, and return its path.

    The result is a JSON document (valid YAML, accepted by ``semgrep --config``). It is written
    exclusively (never through an existing file or link) and read back: its sha256 must be the one
    of the pack just built, or ``ValueError``. Raises ``ValueError`` on duplicate rule ids.
    """
    root = rules_dir if rules_dir is not None else RULES_DIR
    files = list(iter_rule_files(root))
    digest = _sources_digest(files, root)
    payload = _PAYLOADS.get(digest)
    if payload is None:
        payload = _PAYLOADS[digest] = _payload(files)
    target = into / f"{_PACK_PREFIX}{digest[:20]}.json"
    write_new(target, payload, 0o600)
    if hashlib.sha256(target.read_bytes()).digest() != hashlib.sha256(payload).digest():
        raise ValueError(f"the rule pack written to {target} does not match the pack built")
    return target
