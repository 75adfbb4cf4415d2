"""What the model sees of each file, and how a large change is split into requests.

Each hunk is shown with its enclosing function (found cheaply, by indentation) or
`claude.context_lines` of surrounding code, from the redacted head text of the ModelView. Regions
of one file never overlap, so every added line is sent exactly once. Regions are packed, in path
order, into chunks under the token budget; a region too large for one request is split by lines.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from pr_review.analyzers.claude.fence import Fence, Flag, attribute_value, neutralise_untrusted
from pr_review.analyzers.claude.scope_parser import ParsedFile, Parses
from pr_review.gather.diff import ChangedFile, FileStatus, Hunk

CHARS_PER_TOKEN = 4  # a cheap estimate: no count_tokens call per chunk
MAX_LOOKBACK = 200  # lines searched upwards for the enclosing function
MIN_SPLIT_LINES = 40  # a region this small with one hunk is not split further on max_tokens

# The indentation rule's definitions, for languages without a grammar here. `fn name` (Rust), not
# Go's `fn := func`; `obj.method = function` (JavaScript) is a definition.
_DEFINITION = re.compile(
    r"^\s*(?:@|def |async def |class |function\b|func |fn [A-Za-z_]|pub |public |private |protected |static |"
    r"export |const \w+\s*=\s*(?:async\s*)?\(|[\w$.]+\s*=\s*(?:async\s+)?function\b|module |impl |"
    r"interface |sub |package )"
)


@dataclass(frozen=True, slots=True)
class Region:
    """Lines start..end (new side, inclusive) of one file, holding whole hunks or a piece of one."""

    path: str
    start: int
    end: int
    hunk_starts: tuple[int, ...]  # new_start of each hunk whose first line is in this region
    old_side: bool = False  # a deleted file: start..end are old line numbers

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


def _hunk_window(hunk: Hunk) -> tuple[int, int]:
    """New-side lines first..last of a hunk; a hunk that only deletes is the line its deletion
    follows (the line after it when the deletion is at the top of the file)."""
    if hunk.new_length:
        return hunk.new_start, hunk.new_end
    line = max(hunk.new_start, 1)
    return line, line


def _hunk_anchors(hunk: Hunk) -> list[tuple[int, int]]:
    """(new-side line, old number) of each removed line: the line it was removed just before."""
    context = sorted(line.number for line in hunk.context)
    first = hunk.new_start if hunk.new_length else hunk.new_start + 1
    anchors: list[tuple[int, int]] = []
    for removed_seen, line in enumerate(sorted(hunk.removed, key=lambda r: r.number)):
        before = (line.number - hunk.old_start) - removed_seen  # context lines above it
        anchors.append((context[before - 1] + 1 if 0 < before <= len(context) else first, line.number))
    return anchors


def removal_lines(changed: ChangedFile) -> frozenset[int]:
    """New-side lines of the hunks that remove lines: where a finding about a removal is placed."""
    lines: set[int] = set()
    for hunk in changed.hunks:
        if hunk.removed:
            first, last = _hunk_window(hunk)
            lines.update(range(first, max([last, *(at for at, _ in _hunk_anchors(hunk))]) + 1))
    return frozenset(lines)


def _removed_at(changed: ChangedFile) -> dict[int, tuple[int, ...]]:
    """new-side line → old numbers of the lines removed just before it (in the hunk's order)."""
    anchors: dict[int, list[int]] = {}
    for hunk in changed.hunks:
        for at, number in _hunk_anchors(hunk):
            anchors.setdefault(at, []).append(number)
    return {at: tuple(numbers) for at, numbers in anchors.items()}


def _neutralised(lines: Sequence[str], where: Callable[[int], str], numbers: Sequence[int]) -> NeutralLines:
    """Lines that cannot close a fence, and the flags of each (by its number), cheaply when clean."""
    joined = "\n".join(lines)
    clean, _ = neutralise_untrusted(joined, "")
    if clean == joined:
        return tuple(lines), {}
    safe: list[str] = []
    flags: dict[int, tuple[Flag, ...]] = {}
    for number, line in zip(numbers, lines, strict=True):  # rare: redo line by line to say where
        text, found = neutralise_untrusted(line, where(number))
        safe.append(text)
        if found:
            flags[number] = found
    return tuple(safe), flags


NeutralLines = tuple[tuple[str, ...], dict[int, tuple[Flag, ...]]]


def _line_endings(lines: list[str]) -> str | None:
    """Strips the `\r` of CRLF line ends in place: "crlf" when every line had one, "mixed" when
    some did (said once per file, not per line), None for LF. A `\r` inside a line stays."""
    if "\r" not in "".join(lines):  # the common case, told at C speed
        return None
    ended = 0
    for index, line in enumerate(lines):
        if line.endswith("\r"):
            lines[index] = line[:-1]
            ended += 1
    if not ended:
        return None
    return "crlf" if ended == len(lines) else "mixed"


@dataclass(frozen=True)
class SafeFile:
    """A file's redacted lines (head and removed), neutralised once, and what neutralising found."""

    changed: ChangedFile
    lines: tuple[str, ...]
    flags: dict[int, tuple[Flag, ...]]  # new-side line number → flags
    removed: dict[int, str]  # old line number → neutralised text
    removed_flags: dict[int, tuple[Flag, ...]]  # old line number → flags
    removed_at: dict[int, tuple[int, ...]]  # new-side line → old numbers of lines removed before it
    line_endings: str | None  # "crlf" or "mixed" when `\r` line ends were stripped
    deleted: bool  # the change deletes the file: only removed lines, shown by old number
    parses: Parses  # the review's parse trees, shared by its files

    @classmethod
    def of(
        cls,
        changed: ChangedFile,
        lines: Sequence[str],
        removed: Sequence[tuple[int, str]],
        parses: Parses | None = None,
    ) -> SafeFile:
        head = list(lines)
        endings = _line_endings(head)
        safe, flags = _neutralised(head, lambda n: f"{changed.path}:{n}", range(1, len(head) + 1))
        numbers = [n for n, _ in removed]
        # Only removed lines the model view holds are placed (a view built without them has none).
        held = set(numbers)
        removed_at = {
            at: kept for at, olds in _removed_at(changed).items() if (kept := tuple(n for n in olds if n in held))
        }
        gone, gone_flags = _neutralised(
            [text.removesuffix("\r") for _, text in removed], lambda n: f"{changed.path}:old {n}", numbers
        )
        return cls(
            changed,
            safe,
            flags,
            dict(zip(numbers, gone, strict=True)),
            gone_flags,
            removed_at,
            endings,
            changed.status is FileStatus.DELETED,
            parses or Parses(),
        )

    @property
    def parsed(self) -> ParsedFile | None:
        return self.parses.of(self.changed.path, self.lines)

    def enclosing_start(self, first: int) -> int | None:
        """The enclosing definition by the file's grammar, else by indentation."""
        if first <= 1:
            return None  # nothing above: a new file is not parsed
        parsed = self.parsed
        if parsed is not None:
            return parsed.enclosing_start(first, MAX_LOOKBACK)
        return enclosing_start(self.lines, first)


def file_regions(file: SafeFile, context_lines: int) -> list[Region]:
    """Non-overlapping windows around the file's hunks, merged where they touch."""
    changed, lines = file.changed, file.lines
    if file.deleted:
        last = max(file.removed, default=0)
        return [Region(changed.path, 1, last, (1,), old_side=True)] if last else []
    total = len(lines)
    windows: list[Region] = []
    for hunk in changed.hunks:
        if not (hunk.added or hunk.context or hunk.removed):
            continue
        first, last = _hunk_window(hunk)
        # The region reaches the line its removed lines are shown before (past the end: its end).
        last = max([last, *(at for at, _ in _hunk_anchors(hunk))])
        last = min(last, total) if total else last
        # From the enclosing function's first line when it can be found, else context_lines above.
        found = file.enclosing_start(first) if hunk.added or hunk.removed else None
        start = found if found is not None else max(1, first - context_lines)
        end = min(max(last, 1) + context_lines, max(total, last))
        if windows and start <= windows[-1].end + 1:
            previous = windows[-1]
            windows[-1] = Region(changed.path, previous.start, max(previous.end, end), (*previous.hunk_starts, first))
        else:
            windows.append(Region(changed.path, start, end, (first,)))
    return windows


def _removed_line(number: int, text: str) -> str:
    return f"-(old {number}) {text}"


def render(region: Region, file: SafeFile, fence: Fence) -> Rendered:
    flags: list[Flag] = []
    out: list[str] = []

    def removed(numbers: Iterable[int]) -> None:
        for old in numbers:
            flags.extend(file.removed_flags.get(old, ()))
            out.append(_removed_line(old, file.removed[old]))

    if region.old_side:
        removed(n for n in range(region.start, region.end + 1) if n in file.removed)
    else:
        added, lines, removed_at, line_flags = file.changed.added_lines, file.lines, file.removed_at, file.flags
        # Lines removed after the file's last line belong to the region that ends there.
        last = region.end + 1 if region.end >= len(lines) else region.end
        for n in range(region.start, last + 1):  # ~20k lines a review: lookups only where needed
            if n in removed_at:
                removed(removed_at[n])
            if n > region.end:
                break
            if n in line_flags:
                flags.extend(line_flags[n])
            out.append(f"{n}{'+' if n in added else ' '} {lines[n - 1] if n <= len(lines) else ''}")
    path_value, path_flags = attribute_value(region.path, "path")
    lines_value = f"old {region.start}-{region.end}" if region.old_side else f"{region.start}-{region.end}"
    attributes = {"path": path_value, "lines": f'"{lines_value}"' if region.old_side else lines_value}
    if file.deleted:
        attributes["status"] = "deleted"
    if file.line_endings:
        attributes["line-endings"] = file.line_endings
    text = fence.wrap_safe("code", "\n".join(out), attributes)
    return Rendered(region, text, (*path_flags, *flags))


def split_region(region: Region) -> tuple[Region, Region] | None:
    """Two halves, at a hunk boundary when there are several hunks; None when too small."""
    if len(region.hunk_starts) > 1:
        middle = region.hunk_starts[len(region.hunk_starts) // 2]
        left = Region(region.path, region.start, middle - 1, tuple(h for h in region.hunk_starts if h < middle))
        right = Region(
            region.path, middle, region.end, tuple(h for h in region.hunk_starts if h >= middle), region.old_side
        )
        return replace(left, old_side=region.old_side), right
    if region.lines < 2 * MIN_SPLIT_LINES:
        return None
    middle = region.start + region.lines // 2
    return (replace(region, end=middle - 1), Region(region.path, middle, region.end, (), region.old_side))


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
        out.extend(fit(redo(Region(region.path, start, end, hunks, region.old_side)), limit, redo))
    return out


class RenderFn:
    """Renders regions of the files of one run (ChangedFile + redacted lines, one fence)."""

    def __init__(self, files: dict[str, SafeFile], fence: Fence) -> None:
        self._files = files
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
