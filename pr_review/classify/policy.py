"""The user's data policy (config `classification`): which class a file or value is in, and what
happens to it before a model sees it: allow (sent as is), redact (placeholder), block (withheld)."""

from __future__ import annotations

import re

from pr_review.classify.personal import HealthRules, health_rules
from pr_review.config import ClassificationSettings
from pr_review.errors import ConfigError
from pr_review.scope import matching_pattern

ALLOW = "allow"
REDACT = "redact"
BLOCK = "block"

# Which class decides when a file holds several: the most restrictive reason is the one shown.
CLASS_ORDER = ("pci", "health", "secret", "personal-data")
_CLASS_NAMES = {
    "secret": "secrets",
    "personal-data": "personal data",
    "pci": "payment card data",
    "health": "health data",
}


def describe(data_class: str) -> str:
    return _CLASS_NAMES.get(data_class, f"{data_class!r} data")


def health_rules_of(settings: ClassificationSettings) -> HealthRules:
    """Compiled health patterns; a pattern that does not compile is a configuration error."""
    try:
        return health_rules(settings.health_patterns, settings.health_keywords)
    except re.error as exc:
        raise ConfigError(f"classification.health.patterns: invalid regular expression {exc.pattern!r}: {exc}") from exc


def path_class(path: str, settings: ClassificationSettings) -> tuple[str, str] | None:
    """(class, glob) of the first classification.paths entry matching the path, else None."""
    for pattern, data_class in settings.paths:
        if matching_pattern(path, (pattern,)) is not None:
            return data_class, pattern
    return None


def is_test_path(path: str, settings: ClassificationSettings) -> bool:
    return matching_pattern(path, settings.test_paths) is not None


def blocking_class(classes: set[str] | frozenset[str], settings: ClassificationSettings) -> str | None:
    """The class that withholds the file, or None when nothing present is blocked."""
    blocked = [c for c in classes if settings.action(c) == BLOCK]
    if not blocked:
        return None
    return min(blocked, key=lambda c: (CLASS_ORDER.index(c) if c in CLASS_ORDER else -1, c))


def withheld_reason(
    data_class: str, settings: ClassificationSettings, *, pattern: str | None = None, in_name: bool = False
) -> str:
    action = settings.action(data_class)
    rule = f"policy classification.policy.{data_class}: {action}"
    if not any(name == data_class for name, _ in settings.policy):
        rule = f"no classification.policy for {data_class!r}: blocked by default"
    if pattern is not None:
        return f"withheld from the model: path matches classification.paths {pattern!r} (class {data_class}; {rule})"
    if in_name:
        # The name cannot be sent without the value, and a file cannot be sent without its name.
        return f"withheld from the model: its file name contains {describe(data_class)} ({rule})"
    return f"withheld from the model: contains {describe(data_class)} ({rule})"
