"""`pr-review init`: add the example workflow and a commented configuration to a repository."""

from __future__ import annotations

from pathlib import Path

from pr_review.config import DEFAULT_CONFIG_PATH
from pr_review.errors import UsageError

TEMPLATES = Path(__file__).resolve().parent / "templates"
WORKFLOW_PATH = Path(".github/workflows/security-review.yml")
FILES = ((WORKFLOW_PATH, "security-review.yml"), (DEFAULT_CONFIG_PATH, "pr-review.yml"))


def init_repository(root: Path, *, force: bool = False) -> list[Path]:
    """Write the files; refuse to overwrite an existing one unless `force`."""
    if not root.is_dir():
        raise UsageError(f"{root}: no such directory")
    existing = [root / path for path, _ in FILES if (root / path).exists()]
    if existing and not force:
        raise UsageError(
            f"{existing[0]} already exists", hint="pass --force to overwrite, or merge the template by hand"
        )
    written = []
    for path, template in FILES:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((TEMPLATES / template).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(target)
    return written
