"""The configuration's YAML, read with bounds: the file is data a change can carry to a base branch.

YAML can describe far more than it spells out. Before anything is built, the parser's event stream
is walked once: nesting is capped (the parser and composer slow down or recurse with depth), and the
size of the document with every alias expanded is counted (a "billion laughs" is a few hundred bytes
that expand to 10⁹ nodes). The walk stops at the first event over a limit, so a hostile file costs
no more than a few thousand events. Values are then built strictly: numbers have a bounded length
and are finite, dates stay text (the schema checks them), anything that is not JSON data is refused.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, StreamMark, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, Event, ScalarEvent
from ruamel.yaml.nodes import ScalarNode

from pr_review.errors import ConfigError

MAX_CONFIG_BYTES = 256 * 1024  # a real configuration is a few kilobytes
MAX_DEPTH = 32  # the schema needs 4 levels
MAX_NODES = 50_000  # values in the document once every alias is expanded
MAX_NUMBER_CHARS = 40
# Explicit tags a configuration may use; others (!!binary, !!set, !!omap, local tags) build values
# that are not settings, and some of ruamel's constructors fail on unexpected node kinds.
_CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq"))


def _at(source: str, mark: StreamMark | None) -> str:
    return f"{source}:{mark.line + 1}" if mark is not None else source


class _StrictConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor, without the values a configuration never needs."""

    def _bounded(self, node: ScalarNode, kind: str) -> None:
        if len(str(node.value)) > MAX_NUMBER_CHARS:
            raise ConstructorError(
                None,
                None,
                f"a {kind} of {len(str(node.value))} characters (at most {MAX_NUMBER_CHARS})",
                node.start_mark,
            )

    def strict_int(self, node: ScalarNode) -> Any:
        self._bounded(node, "number")
        return super().construct_yaml_int(node)

    def strict_float(self, node: ScalarNode) -> Any:
        self._bounded(node, "number")
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise ConstructorError(None, None, f"{node.value!r} is not a finite number", node.start_mark)
        return value

    def date_as_text(self, node: ScalarNode) -> Any:
        # `expires: 2025-02-30` would raise inside the constructor; as text the schema rejects it by line.
        return self.construct_scalar(node)


_StrictConstructor.add_constructor("tag:yaml.org,2002:int", _StrictConstructor.strict_int)
_StrictConstructor.add_constructor("tag:yaml.org,2002:float", _StrictConstructor.strict_float)
_StrictConstructor.add_constructor("tag:yaml.org,2002:timestamp", _StrictConstructor.date_as_text)


def _check_shape(events: Iterable[Event], source: str) -> None:
    """Refuse deep nesting and alias expansion past the limits, before a node is built."""
    expanded = 0
    anchors: dict[str, int] = {}  # anchor → size of its node with aliases expanded
    open_collections: list[tuple[str | None, int]] = []  # (anchor, `expanded` when it started)
    for event in events:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _CORE_TAGS:
            raise ConfigError(f"{_at(source, event.start_mark)}: the YAML tag {tag!r} is not supported")
        if isinstance(event, CollectionStartEvent):
            if len(open_collections) >= MAX_DEPTH:
                raise ConfigError(f"{_at(source, event.start_mark)}: nested deeper than {MAX_DEPTH} levels")
            if event.anchor is not None:
                anchors.pop(event.anchor, None)  # an alias inside its own anchor would be a cycle
            open_collections.append((event.anchor, expanded))
            expanded += 1
        elif isinstance(event, CollectionEndEvent):
            anchor, started = open_collections.pop()
            if anchor is not None:
                anchors[anchor] = expanded - started
        elif isinstance(event, ScalarEvent):
            expanded += 1
            if event.anchor is not None:
                anchors[event.anchor] = 1
        elif isinstance(event, AliasEvent):
            if event.anchor not in anchors:
                raise ConfigError(
                    f"{_at(source, event.start_mark)}: alias *{event.anchor} refers to no complete anchor before it"
                )
            expanded += anchors[event.anchor]
        if expanded > MAX_NODES:
            raise ConfigError(
                f"{_at(source, event.start_mark)}: the configuration expands to more than {MAX_NODES:,} values "
                "(YAML aliases): refused"
            )


def load_yaml(text: str, source: str) -> Any:
    """The YAML document as ruamel round-trip nodes (they keep line numbers); ConfigError otherwise."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_CONFIG_BYTES:
        raise ConfigError(f"{source}: the configuration is {size:,} bytes; at most {MAX_CONFIG_BYTES:,} are read")
    try:
        _check_shape(YAML(typ="rt").parse(text), source)
        yaml = YAML(typ="rt")
        yaml.Constructor = _StrictConstructor
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ConfigError(f"{_at(source, mark)}: invalid YAML: {exc.problem or exc}") from exc
    except YAMLError as exc:
        raise ConfigError(f"{source}: invalid YAML: {exc}") from exc


class BadValueError(Exception):
    """A value that is not JSON data, at `path` in the document (on `line` when known)."""

    def __init__(self, path: list[str | int], message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


def plain_data(node: Any, path: list[str | int] | None = None) -> Any:
    """ruamel nodes → plain JSON data (dict, list, str, int, finite float, bool, None), or BadValueError."""
    path = path or []
    if isinstance(node, Mapping):
        plain: dict[str, Any] = {}
        for key, value in node.items():
            if not isinstance(key, str):
                line = node.lc.key(key)[0] + 1 if isinstance(node, CommentedMap) else None
                raise BadValueError(path, f"key {key!r} is not text (quote it)", line)
            plain[str(key)] = plain_data(value, [*path, str(key)])
        return plain
    if isinstance(node, list):
        return [plain_data(value, [*path, index]) for index, value in enumerate(node)]
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        if not math.isfinite(node):
            raise BadValueError(path, f"{node!r} is not a finite number")
        return float(node)
    if isinstance(node, str):
        return str(node)
    raise BadValueError(
        path, f"a {type(node).__name__} value is not a setting (use text, a number, a list or a mapping)"
    )
