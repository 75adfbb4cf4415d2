"""Files that ship with the package: schemas/ and prompts/.

In a wheel they live at pr_review/_data/ (hatch force-include); in a source checkout (editable
install, tests) they are the top-level folders. Never the reviewed workspace: a pull request must
not be able to change the schema or the system prompt it is reviewed with.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def data_dir(kind: str) -> Path:
    for candidate in (_PACKAGE / "_data" / kind, _PACKAGE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pr-review is installed without its {kind}/ folder")


def schema_path(name: str) -> Path:
    return data_dir("schemas") / name


def prompt_path(name: str) -> Path:
    return data_dir("prompts") / name


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded
