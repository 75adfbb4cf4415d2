"""The whole change, as requests: which regions go in which request, and what is not sent, why.

Only ModelView content is read (the redacted head text and removed lines; a deleted file is its
removed lines); a file in scope that the ModelView does
not hold, a file withheld by the data policy, or a region that cannot fit a request is listed as
not reviewed by claude: nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from pr_review.analyzers.claude.chunks import (
    CHARS_PER_TOKEN,
    Chunk,
    Region,
    Rendered,
    RenderFn,
    SafeFile,
    file_regions,
    fit,
    pack,
    split_region,
)
from pr_review.analyzers.claude.fence import Fence, Flag
from pr_review.analyzers.claude.prompt import MetaBlock, fixed_overhead, pr_meta_block
from pr_review.analyzers.claude.scope_parser import Parses
from pr_review.classify.view import ModelView
from pr_review.config import ClaudeSettings
from pr_review.scope import NotReviewed, Scope

ANALYZER = "claude"


@dataclass(frozen=True)
class Plan:
    chunks: tuple[Chunk, ...]
    meta: MetaBlock
    render: RenderFn
    not_reviewed: tuple[NotReviewed, ...]
    flags: tuple[Flag, ...]
    code_limit: int  # characters of code one request may carry

    @property
    def regions(self) -> int:
        return sum(len(c.blocks) for c in self.chunks)


def not_reviewed(path: str, reason: str) -> NotReviewed:
    return NotReviewed(path, reason, ANALYZER)


def plan_review(
    scope: Scope,
    view: ModelView,
    settings: ClaudeSettings,
    fence: Fence,
    instructions: str | None,
    *,
    lookups: bool = False,  # the lookup tools' definitions are part of every request
    parses: Parses | None = None,
) -> Plan:
    skipped: list[NotReviewed] = [not_reviewed(w.path, w.reason) for w in view.withheld]
    withheld = {w.path for w in view.withheld}
    files: dict[str, SafeFile] = {}
    parses = parses or Parses()
    for changed in (*scope.files, *scope.deleted):
        model_file = view.files.get(changed.path)
        if model_file is None:
            if changed.path not in withheld:
                skipped.append(not_reviewed(changed.path, "not in the model view (not sent to Claude)"))
            continue
        lines = model_file.text.split("\n") if model_file.text else []
        if len(lines) > 1 and lines[-1] == "":
            lines.pop()  # the final newline does not start a line
        files[changed.path] = SafeFile.of(changed, lines, model_file.removed, parses)
    meta = pr_meta_block(view.pr, fence, settings.token_budget)
    limit = settings.token_budget * CHARS_PER_TOKEN - fixed_overhead(instructions, meta, lookups=lookups)
    render = RenderFn(files, fence)
    blocks: list[Rendered] = []
    for path in sorted(files):
        regions = file_regions(files[path], settings.context_lines)
        parses.done(path)  # rendering needs no tree
        for region in regions:
            pieces = fit(render(region), limit, render)
            if not pieces:
                skipped.append(not_reviewed(path, f"{describe_region(region)} do not fit claude.token_budget"))
            blocks.extend(pieces)
    chunks = tuple(pack(blocks, max(limit, 1), settings.concurrency))
    flags = (*meta.flags, *(f for b in blocks for f in b.flags))
    return Plan(chunks, meta, render, tuple(skipped), flags, limit)


def split_chunk(chunk: Chunk, render: RenderFn) -> tuple[Chunk, Chunk] | None:
    """Halves of a chunk whose answer overflowed max_tokens; None for a single unsplittable hunk."""
    if len(chunk.blocks) > 1:
        middle = len(chunk.blocks) // 2
        return Chunk(chunk.blocks[:middle]), Chunk(chunk.blocks[middle:])
    halves = split_region(chunk.blocks[0].region)
    if halves is None:
        return None
    left, right = halves
    return Chunk((render(left),)), Chunk((render(right),))


def describe_region(region: Region) -> str:
    side = "old " if region.old_side else ""
    return f"{side}lines {region.start}-{region.end}"
