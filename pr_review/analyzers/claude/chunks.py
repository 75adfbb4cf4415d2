"""What the model sees of each file, and how a large change is split into requests.

Each hunk is shown with its enclosing function (found cheaply, by indentation) or
`claude.context_lines` of surrounding code, from the redacted head text of the ModelView. Regions
of one file never overlap, so every added line is sent exactly once. Regions are packed, in path
order, into chunks under the token budget; a region too large for one request is split by lines.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pr_review.analyzers.claude.fence import Fence, Flag, attribute_value, neutralise_untrusted
from pr_review.gather.diff import ChangedFile

CHARS_PER_TOKEN = 4  # a cheap estimate: no count_tokens call per chunk
MAX_LOOKBACK = 200  # lines searched upwards for the enclosing function
MIN_SPLIT_LINES = 40  # a region this small with one hunk is not split further on max_tokens

_DEFINITION = re.compile(
    r"^\s*(?:@|def |async def |class |function\b|func |fn |pub |public |private |protected |static |"
    r"export |const \w+\s*=\s*(?:async\s*)?\(|module |impl |interface |sub |package )"
)


@dataclass(frozen=True, slots=True)
class Region:
    """Lines start..end (new side, inclusive) of one file, holding whole hunks or a piece of one."""

    path: str
    start: int
    end: int
    hunk_starts: tuple[int, ...]  # new_start of each hunk whose first line is in this region

    @property
    def lines(self) -> int:
        return self.end - self.start + 1


@dataclass(frozen=True, slots=True)
class Rendered:
    region: Region
    text: str
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class Chunk:
    blocks: tuple[Rendered, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(b.region.path for b in self.blocks))

    @property
    def size(self) -> int:
        return sum(len(b.text) + 1 for b in self.blocks)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def enclosing_start(lines: Sequence[str], first: int) -> int | None:
    """1-based line of the nearest definition above line `first` at a lower indentation."""
    index = first - 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        return None
    level = _indent(lines[index])
    for n in range(min(first - 1, len(lines)) - 1, max(-1, first - 2 - MAX_LOOKBACK), -1):
        line = lines[n]
        if line.strip() and _indent(line) < level and _DEFINITION.match(line):
            # Include decorators directly above a Python definition.
            while n > 0 and lines[n - 1].lstrip().startswith("@"):
                n -= 1
            return n + 1
    return None


def file_regions(changed: ChangedFile, lines: Sequence[str], context_lines: int) -> list[Region]:
    """Non-overlapping windows around the file's hunks, merged where they touch."""
    total = len(lines)
    windows: list[Region] = []
    for hunk in changed.hunks:
        if not hunk.added and not hunk.context:
            continue
        first, last = hunk.new_start, min(hunk.new_end, total) if total else hunk.new_end
        # From the enclosing function's first line when it can be found, else context_lines above.
        found = enclosing_start(lines, first) if hunk.added else None
        start = found if found is not None else max(1, first - context_lines)
        end = min(max(last, 1) + context_lines, max(total, last))
        if windows and start <= windows[-1].end + 1:
            previous = windows[-1]
            windows[-1] = Region(changed.path, previous.start, max(previous.end, end), (*previous.hunk_starts, first))
        else:
            windows.append(Region(changed.path, start, end, (first,)))
    return windows


def _removed_before(changed: ChangedFile) -> dict[int, int]:
    """new-side line → how many lines were removed just before it (their text is not sent)."""
    markers: dict[int, int] = {}
    for hunk in changed.hunks:
        if not hunk.removed:
            continue
        context = sorted(line.number for line in hunk.context)
        for removed_seen, line in enumerate(sorted(hunk.removed, key=lambda r: r.number)):
            before = (line.number - hunk.old_start) - removed_seen  # context lines above it
            at = context[before - 1] + 1 if 0 < before <= len(context) else hunk.new_start
            markers[at] = markers.get(at, 0) + 1
    return markers


@dataclass(frozen=True, slots=True)
class SafeFile:
    """A file's redacted lines, neutralised once, and what the neutralisation found."""

    changed: ChangedFile
    lines: tuple[str, ...]
    flags: dict[int, tuple[Flag, ...]]  # line number → flags
    removed: dict[int, int]

    @classmethod
    def of(cls, changed: ChangedFile, lines: Sequence[str]) -> SafeFile:
        joined = "\n".join(lines)
        clean, _ = neutralise_untrusted(joined, changed.path)
        flags: dict[int, tuple[Flag, ...]] = {}
        if clean != joined:  # rare: redo line by line to say where
            safe: list[str] = []
            for n, line in enumerate(lines, 1):
                text, found = neutralise_untrusted(line, f"{changed.path}:{n}")
                safe.append(text)
                if found:
                    flags[n] = found
            return cls(changed, tuple(safe), flags, _removed_before(changed))
        return cls(changed, tuple(lines), flags, _removed_before(changed))


def render(region: Region, file: SafeFile, fence: Fence) -> Rendered:
    added = file.changed.added_lines
    lines, removed = file.lines, file.removed
    flags: list[Flag] = []
    out: list[str] = []
    for n in range(region.start, region.end + 1):
        if n in removed:
            out.append(f"- [{removed[n]} line(s) removed]")
        flags.extend(file.flags.get(n, ()))
        out.append(f"{n}{'+' if n in added else ' '} {lines[n - 1] if n <= len(lines) else ''}")
    path_value, path_flags = attribute_value(region.path, "path")
    attributes = {"path": path_value, "lines": f"{region.start}-{region.end}"}
    text = fence.wrap_safe("code", "\n".join(out), attributes)
    return Rendered(region, text, (*path_flags, *flags))


def split_region(region: Region) -> tuple[Region, Region] | None:
    """Two halves, at a hunk boundary when there are several hunks; None when too small."""
    if len(region.hunk_starts) > 1:
        middle = region.hunk_starts[len(region.hunk_starts) // 2]
        left = Region(region.path, region.start, middle - 1, tuple(h for h in region.hunk_starts if h < middle))
        right = Region(region.path, middle, region.end, tuple(h for h in region.hunk_starts if h >= middle))
        return left, right
    if region.lines < 2 * MIN_SPLIT_LINES:
        return None
    middle = region.start + region.lines // 2
    return (replace(region, end=middle - 1), Region(region.path, middle, region.end, ()))


def fit(rendered: Rendered, limit: int, redo: RenderFn) -> list[Rendered]:
    """The region as one block or as several line ranges, each under `limit` characters."""
    if len(rendered.text) <= limit:
        return [rendered]
    region = rendered.region
    pieces = math.ceil(len(rendered.text) / max(limit, 1)) + 1
    if pieces > region.lines:
        return []  # even one line does not fit
    step = math.ceil(region.lines / pieces)
    out: list[Rendered] = []
    for start in range(region.start, region.end + 1, step):
        end = min(region.end, start + step - 1)
        hunks = tuple(h for h in region.hunk_starts if start <= h <= end)
        out.extend(fit(redo(Region(region.path, start, end, hunks)), limit, redo))
    return out


class RenderFn:
    """Renders regions of the files of one run (ChangedFile + redacted lines, one fence)."""

    def __init__(self, files: dict[str, tuple[ChangedFile, list[str]]], fence: Fence) -> None:
        self._files = {path: SafeFile.of(changed, lines) for path, (changed, lines) in files.items()}
        self._fence = fence

    def __call__(self, region: Region) -> Rendered:
        return render(region, self._files[region.path], self._fence)


def pack(blocks: Sequence[Rendered], limit: int, concurrency: int) -> list[Chunk]:
    """Blocks in order into chunks under `limit` characters, balanced so the last wave is full."""
    if not blocks:
        return []
    total = sum(len(b.text) + 1 for b in blocks)
    count = math.ceil(total / limit)
    if count > 1 and concurrency > 1:
        count = math.ceil(count / concurrency) * concurrency  # equal waves of parallel requests
    target = total / count
    chunks: list[Chunk] = []
    current: list[Rendered] = []
    size = done = 0
    wave = 0  # which of the `count` equal shares the current chunk is filling
    for block in blocks:
        block_size = len(block.text) + 1
        share = min(count - 1, int((done + block_size / 2) // target))
        if current and (size + block_size > limit or share > wave):
            chunks.append(Chunk(tuple(current)))
            current, size = [], 0
        wave = max(wave, share)
        current.append(block)
        size += block_size
        done += block_size
    if current:
        chunks.append(Chunk(tuple(current)))
    return chunks
