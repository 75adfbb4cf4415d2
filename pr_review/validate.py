"""The jsonschema gate: every document we write, and every candidate from a model, is checked."""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema
from referencing import Registry, Resource

from pr_review.errors import SchemaViolation, UsageError
from pr_review.resources import data_dir, load_schema


@functools.cache
def _registry() -> Registry[Any]:
    resources = []
    for path in sorted(data_dir("schemas").glob("*.schema.json")):
        schema = load_schema(path.name)
        resource = Resource.from_contents(schema)
        resources.append((path.name, resource))
        if "$id" in schema:
            resources.append((schema["$id"], resource))
    return Registry().with_resources(resources)


@functools.cache
def validator(schema_name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(schema_name)
    cls = jsonschema.validators.validator_for(schema)
    instance: jsonschema.protocols.Validator = cls(schema, registry=_registry(), format_checker=cls.FORMAT_CHECKER)
    return instance


def schema_errors(document: Any, schema_name: str) -> list[str]:
    """Readable violations, each prefixed with the JSON path; empty when valid."""
    errors = sorted(validator(schema_name).iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def check(document: Any, schema_name: str) -> None:
    errors = schema_errors(document, schema_name)
    if errors:
        raise SchemaViolation(f"document violates {schema_name}: {errors[0]}")


def load_valid(raw: bytes, schema_name: str, where: str, *, hint: str = "") -> Any:
    """A user's JSON document that must match a schema, or a UsageError saying where and why."""
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{where} is not JSON: {exc}") from exc
    if problems := schema_errors(document, schema_name):
        raise UsageError(f"{where} violates {schema_name}: {problems[0]}", hint=hint)
    return document
