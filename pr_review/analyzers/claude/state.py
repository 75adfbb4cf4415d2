"""The incremental review's state block: per file, the key of what Claude was shown and the findings
it reported, carried in the bot's own summary comment to the next run of the same pull request.

The block is untrusted until it verifies: with PR_REVIEW_AUDIT_KEY set, an HMAC-SHA256 over the
pull request it belongs to and the payload must match; without a key it is only read from a
comment the token's own identity wrote (github/conversation.py). Decoding is bounded (size,
decompression, schema) and anything that does not verify is a `Rejected` with the reason: a full
review, never findings carried forward. Carried findings are validated again by the caller.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import jsonschema

from pr_review.analyzers.base import MAX_STATE_CHARS

VERSION: Final = 1
_DOMAIN: Final = b"pr-review incremental-state v1\x1f"
MAX_DECODED_BYTES: Final = 1 << 20  # a compressed block inflates at most this far
# Per unit (file): a unit over any of these is not kept (the next run reviews it again), so a state
# this run writes is always one the next run accepts.
MAX_UNIT_SPANS: Final = 10_000
MAX_UNIT_FINDINGS: Final = 100
MAX_UNIT_READS: Final = 64
_HEX = {"type": "string", "pattern": "^[0-9a-f]{16,64}$"}
_SCHEMA: Final[dict[str, Any]] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["v", "b", "r", "u"],
    "properties": {
        "v": {"const": VERSION},
        "b": {"type": "string", "maxLength": 300},
        "r": _HEX,
        "u": {
            "type": "object",
            "propertyNames": {"maxLength": 1000},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["k", "by", "s", "f"],
                "properties": {
                    "k": _HEX,
                    "by": {"type": "string", "maxLength": 200},
                    "s": {
                        "type": "array",
                        "maxItems": MAX_UNIT_SPANS,
                        "items": {
                            "type": "array",
                            "prefixItems": [{"type": "integer", "minimum": 1}, {"type": "integer", "minimum": 1}],
                            "items": False,
                            "minItems": 2,
                        },
                    },
                    "f": {
                        "type": "array",
                        "maxItems": MAX_UNIT_FINDINGS,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["i", "a"],
                            "properties": {"i": {"type": "object"}, "a": _HEX},
                        },
                    },
                    "t": {
                        "type": "array",
                        "maxItems": MAX_UNIT_READS,
                        "items": {
                            "type": "array",
                            "prefixItems": [
                                {"type": "string", "maxLength": 10},
                                {"type": "string", "maxLength": 1000},
                                _HEX,
                            ],
                            "items": False,
                            "minItems": 3,
                        },
                    },
                },
            },
        },
    },
}


@dataclass(frozen=True, slots=True)
class ToolRead:
    """One lookup the model made for a request: the tree (head or base) it looked in, the lookup
    (`tools.lookup_key`: the tool and its arguments) and the sha256 of what it answered. The unit is
    stale when the same lookup answers otherwise at the new head."""

    tree: str
    path: str  # the lookup key, e.g. {"arguments":{"path":"app/auth.py"},"tool":"read_file"}
    sha256: str


@dataclass(frozen=True, slots=True)
class CarriedFinding:
    item: Mapping[str, Any]  # the report_findings item as it was accepted (neutralised), at that head's lines
    anchor: str  # sha256 of the finding's lines at that head (the text the model saw): re-anchoring checks it


@dataclass(frozen=True, slots=True)
class UnitState:
    """One file as the run that reviewed it saw it."""

    key: str  # incremental.unit_key
    reviewed_by: str  # the run: "<GITHUB_RUN_ID>@<head sha 12>"
    spans: tuple[tuple[int, int], ...]  # the regions shown, in order, at that head
    findings: tuple[CarriedFinding, ...] = ()
    reads: tuple[ToolRead, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewState:
    run_key: str  # incremental.run_key: a different one means a full review
    units: Mapping[str, UnitState]


@dataclass(frozen=True, slots=True)
class Rejected:
    reason: str


def _mac(key: bytes, binding: str, payload: str) -> str:
    return hmac.new(key, _DOMAIN + binding.encode() + b"\x1f" + payload.encode(), hashlib.sha256).hexdigest()


def _payload(state: ReviewState, binding: str) -> dict[str, Any]:
    units = {
        path: {
            "k": unit.key,
            "by": unit.reviewed_by,
            "s": [list(span) for span in unit.spans],
            "f": [{"i": dict(f.item), "a": f.anchor} for f in unit.findings],
            **({"t": [[r.tree, r.path, r.sha256] for r in unit.reads]} if unit.reads else {}),
        }
        for path, unit in sorted(state.units.items())
    }
    return {"v": VERSION, "b": binding, "r": state.run_key, "u": units}


def fits_a_unit(path: str, unit: UnitState) -> bool:
    """Whether the schema the next run decodes with takes this unit."""
    return (
        len(path) <= 1000
        and len(unit.spans) <= MAX_UNIT_SPANS
        and len(unit.findings) <= MAX_UNIT_FINDINGS
        and len(unit.reads) <= MAX_UNIT_READS
        and all(len(r.tree) <= 10 and len(r.path) <= 1000 for r in unit.reads)
    )


def encode(state: ReviewState, binding: str, key: bytes | None) -> str:
    """`1.<base64 of the deflated JSON>.<HMAC hex, or nothing without a key>`: base64's alphabet
    and the dots can never form `<!--` or `-->` in the marker line."""
    raw = json.dumps(_payload(state, binding), separators=(",", ":"), sort_keys=True).encode()
    payload = base64.b64encode(zlib.compress(raw, 9)).decode("ascii")
    return f"{VERSION}.{payload}.{_mac(key, binding, payload) if key else ''}"


def decode(text: str, binding: str, key: bytes | None) -> ReviewState | Rejected:
    version, _, rest = text.partition(".")
    payload, _, mac = rest.partition(".")
    if version != str(VERSION):
        return Rejected(f"state block version {version[:10]!r} is not {VERSION}")
    if len(text) > MAX_STATE_CHARS:
        return Rejected("state block over its size limit")
    if key is not None:
        if not mac:
            return Rejected("state block not signed, and PR_REVIEW_AUDIT_KEY is set")
        if not hmac.compare_digest(mac, _mac(key, binding, payload)):
            return Rejected("state block HMAC does not match (edited, another pull request's, or another key)")
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(base64.b64decode(payload, validate=True), MAX_DECODED_BYTES)
        if inflater.unconsumed_tail:
            return Rejected("state block inflates past its limit")
        document = json.loads(raw)
        jsonschema.validate(document, _SCHEMA)
    except (binascii.Error, zlib.error, ValueError, RecursionError, jsonschema.ValidationError) as exc:
        return Rejected(f"state block unreadable: {type(exc).__name__}")
    if document["b"] != binding:
        return Rejected(f"state block belongs to {document['b'][:100]!r}, not {binding}")
    return ReviewState(document["r"], {path: _unit(unit) for path, unit in document["u"].items()})


def _unit(unit: Mapping[str, Any]) -> UnitState:
    return UnitState(
        key=unit["k"],
        reviewed_by=unit["by"],
        spans=tuple((a, b) for a, b in unit["s"]),
        findings=tuple(CarriedFinding(f["i"], f["a"]) for f in unit["f"]),
        reads=tuple(ToolRead(*read) for read in unit.get("t", ())),
    )
