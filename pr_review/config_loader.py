"""Loading the configuration: defaults < file < flags, validated by schemas/config.schema.json, then
frozen into pr_review.config.Config."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pr_review.config import (
    DEFAULT_CLASS_POLICY,
    DEFAULT_CONFIG_PATH,
    DEFAULT_LINE_SLACK,
    AuditSettings,
    ClassificationSettings,
    ClaudeSettings,
    Config,
    EscalationSettings,
    GitHubSettings,
    IgnoreEntry,
    ModelPrice,
    PathSettings,
    SemgrepSettings,
    TriageSettings,
    ZapSettings,
)
from pr_review.config_yaml import MAX_CONFIG_BYTES, BadValueError, load_yaml, plain_data
from pr_review.errors import ConfigError
from pr_review.models import Severity
from pr_review.validate import validator

_RESERVED = ("audit", "ignore", "suppressions", "merge", "triage")


def _line_of(root: Any, path: Sequence[str | int]) -> int | None:
    """1-based line of the node at `path` in a ruamel round-trip document, as near as known."""
    node, line = root, None
    for key in path:
        try:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0] + 1
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line = node.lc.item(key)[0] + 1
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError):  # a key merged in with `<<:` has no position of its own
            break
    if line is None and isinstance(root, CommentedMap):
        line = root.lc.line + 1
    return line


def _choices(values: Sequence[Any]) -> str:
    return ", ".join(str(v) for v in values) or "(none)"


def _explain(error: jsonschema.ValidationError) -> tuple[list[str | int], str]:
    """Where the error is and what to do, from the schema that failed (never an empty list of choices)."""
    path: list[str | int] = list(error.absolute_path)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    expected: Any = error.validator_value
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(schema.get("properties", {}))
        key = next((k for k in error.instance if k not in known), "?")
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {_choices(known)}"
        return [*path, key], f"unknown key {key!r} ({hint})"
    if error.validator == "enum" and isinstance(expected, list):
        close = []
        if isinstance(error.instance, str):
            close = difflib.get_close_matches(error.instance, [str(c) for c in expected], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return path, f"{error.instance!r} is not one of {_choices(expected)}{hint}"
    if error.validator == "anyOf" and isinstance(expected, list) and all(set(o) == {"required"} for o in expected):
        return path, f"needs at least one of {_choices([name for option in expected for name in option['required']])}"
    if error.validator == "format" and expected == "date":
        return path, f"{error.instance!r} is not a date (YYYY-MM-DD)"
    return path, error.message


def _dotted(path: Sequence[str | int]) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text or "(top level)"


def parse_config_text(text: str, source: str) -> dict[str, Any]:
    """YAML text → a schema-valid plain dict; ConfigError names the file, line and key."""
    document = load_yaml(text, source)
    if document is None:
        return {}
    if not isinstance(document, Mapping):
        raise ConfigError(f"{source}: the configuration must be a mapping of settings")
    try:
        plain: dict[str, Any] = plain_data(document)
    except BadValueError as exc:
        where = f"{source}:{exc.line}" if exc.line is not None else _where(source, document, exc.path)
        raise ConfigError(f"{where}: {_dotted(exc.path)}: {exc}") from exc
    # The deepest error first; at one place an unknown key before the rest (it often explains them).
    errors = sorted(
        validator("config.schema.json").iter_errors(plain),
        key=lambda e: (list(e.absolute_path), e.validator != "additionalProperties"),
    )
    if errors:
        path, message = _explain(errors[0])
        raise ConfigError(f"{_where(source, document, path)}: {_dotted(path)}: {message}")
    return plain


def _where(source: str, document: Any, path: Sequence[str | int]) -> str:
    line = _line_of(document, path)
    return f"{source}:{line}" if line is not None else source


def _claude(settings: Mapping[str, Any]) -> ClaudeSettings:
    """The claude section; `prices` maps a model to its prices and replaces the default table."""
    values = dict(settings)
    if "prices" in values:
        values["prices"] = tuple(ModelPrice(model, **price) for model, price in sorted(values["prices"].items()))
    return ClaudeSettings(**values)


def build_config(settings: Mapping[str, Any], *, source: str = "defaults") -> Config:
    fail_on = settings.get("fail_on", "none")
    escalation = dict(settings.get("escalation", {}))
    if "severity" in escalation:
        escalation["severity"] = Severity(escalation["severity"])
    return Config(
        fail_on=None if fail_on == "none" else Severity(fail_on),
        semgrep=SemgrepSettings(**_tuples(settings.get("semgrep", {}))),
        paths=PathSettings(**_tuples(settings.get("paths", {}))),
        max_file_bytes=settings.get("limits", {}).get("max_file_bytes", 1_000_000),
        escalation=EscalationSettings(**_tuples(escalation)),
        github=GitHubSettings(**settings.get("github", {})),
        claude=_claude(settings.get("claude", {})),
        classification=_classification(settings.get("classification", {})),
        zap=ZapSettings(**_tuples(settings.get("zap", {}))),
        audit=AuditSettings(**settings.get("audit", {})),
        triage=_triage(settings),
        reserved=tuple((key, json.dumps(settings[key], sort_keys=True)) for key in _RESERVED if key in settings),
        source=source,
    )


def _classification(section: Mapping[str, Any]) -> ClassificationSettings:
    policy = {**dict(DEFAULT_CLASS_POLICY), **section.get("policy", {})}
    health = section.get("health", {})
    defaults = ClassificationSettings()
    return ClassificationSettings(
        policy=tuple(policy.items()),
        paths=tuple(section.get("paths", {}).items()),
        health_patterns=tuple(health.get("patterns", defaults.health_patterns)),
        health_keywords=tuple(health.get("keywords", defaults.health_keywords)),
        phone_region=section.get("phone_region", defaults.phone_region),
        test_paths=tuple(section.get("test_paths", defaults.test_paths)),
        personal_data_findings=section.get("personal_data_findings", True),
    )


def _triage(settings: Mapping[str, Any]) -> TriageSettings:
    entries = tuple(
        IgnoreEntry(
            index=index,
            reason=str(item["reason"]).strip(),
            rule=item.get("rule"),
            cwe=item.get("cwe"),
            path=item.get("path"),
            expires=dt.date.fromisoformat(str(item["expires"])) if item.get("expires") else None,
        )
        for index, item in enumerate(settings.get("ignore", []))
    )
    return TriageSettings(
        line_slack=int(settings.get("merge", {}).get("line_slack", DEFAULT_LINE_SLACK)),
        ignore=entries,
        allow_from_pr=bool(settings.get("suppressions", {}).get("allow_from_pr", False)),
        author_can_dismiss=bool(settings.get("triage", {}).get("author_can_dismiss", False)),
    )


def _tuples(section: Mapping[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in section.items()}


def load_config_text(text: str, source: str) -> Config:
    return build_config(parse_config_text(text, source), source=source)


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{source}: the configuration is over {MAX_CONFIG_BYTES:,} bytes: refused")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{source}:{line}: the configuration is not UTF-8 text") from exc


def load_config_file(path: Path) -> Config:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_CONFIG_BYTES + 1)  # bounded: `--config /dev/zero` must not fill memory
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: configuration file not found") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc
    return load_config_text(_decode(data, str(path)), str(path))


def with_overrides(
    config: Config,
    *,
    fail_on: str | None = None,
    semgrep_config: Sequence[str] = (),
    zap_report: str | None = None,
    zap_target: str | None = None,
    model: str | None = None,
    token_budget: int | None = None,
    exclude: Sequence[str] = (),
) -> Config:
    """Command-line flags win over the file; `exclude` adds to `paths.exclude`."""
    if fail_on is not None:
        config = replace(config, fail_on=None if fail_on == "none" else Severity(fail_on))
    if semgrep_config:
        config = replace(config, semgrep=replace(config.semgrep, config=tuple(semgrep_config)))
    if zap_report:
        config = replace(config, zap=replace(config.zap, report=zap_report))
    if zap_target:
        config = replace(config, zap=replace(config.zap, target=zap_target))
    if model:
        config = replace(config, claude=replace(config.claude, model=model))
    if token_budget is not None:
        config = replace(config, claude=replace(config.claude, token_budget=token_budget))
    if exclude:
        config = replace(config, paths=replace(config.paths, exclude=config.paths.exclude + tuple(exclude)))
    return config


def load_base_config(read: Callable[[str], bytes | None], base: str) -> Config:
    """The review's configuration as it is at the base commit: a change cannot loosen its own review."""
    data = read(DEFAULT_CONFIG_PATH.as_posix())
    if data is None:
        return build_config({}, source=f"defaults (no {DEFAULT_CONFIG_PATH} at base {base[:12]})")
    source = f"{DEFAULT_CONFIG_PATH} (at base {base[:12]})"
    return load_config_text(_decode(data, source), source)
