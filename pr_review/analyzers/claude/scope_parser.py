"""The definition (function, method, class) that encloses a line, found with a tree-sitter parser.

Python, JavaScript, TypeScript (and TSX), Go and Java are parsed; for other languages, a file over
MAX_PARSE_BYTES, files past MAX_PARSE_BYTES_PER_RUN in one review, and when the parser gives up,
the caller falls back to its indentation rule. The text is attacker input: parsing is linear in
its size, which is capped, and no exception escapes (None means "not found, use the fallback").
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from typing import Any

import tree_sitter
import tree_sitter_go
import tree_sitter_java
import tree_sitter_javascript
import tree_sitter_python
import tree_sitter_typescript

logger = logging.getLogger(__name__)

MAX_PARSE_BYTES = 1_000_000  # larger files use the indentation rule: bounded time per file
MAX_PARSE_BYTES_PER_RUN = 16_000_000  # and so do files past this much parsed in one review


class ParseBudget:
    """Bytes one review may still parse (parsing is linear, a few MB a second)."""

    def __init__(self, limit: int = MAX_PARSE_BYTES_PER_RUN) -> None:
        self.left = limit

    def take(self, size: int) -> bool:
        if size > min(self.left, MAX_PARSE_BYTES):
            return False
        self.left -= size
        return True


_GRAMMARS: dict[str, Callable[[], Any]] = {
    "python": tree_sitter_python.language,
    "javascript": tree_sitter_javascript.language,
    "typescript": tree_sitter_typescript.language_typescript,
    "tsx": tree_sitter_typescript.language_tsx,
    "go": tree_sitter_go.language,
    "java": tree_sitter_java.language,
}
_EXTENSIONS = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".go": "go",
    ".java": "java",
}
# Node types that start a definition a reader needs to see above a change.
_DEFINITIONS = frozenset(
    {
        # Python (a decorated definition starts at its first decorator)
        "function_definition",
        "class_definition",
        "decorated_definition",
        # JavaScript / TypeScript
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "class_declaration",
        "abstract_class_declaration",
        "interface_declaration",
        # Go
        "method_declaration",
        "func_literal",
        # Java
        "constructor_declaration",
        "enum_declaration",
        "record_declaration",
        "lambda_expression",
    }
)
# Function literals: a callback passed as an argument is not what a reader looks for above a line
# (the function it is passed in is), unless nothing else encloses the line.
_ANONYMOUS = frozenset({"function_expression", "function", "arrow_function", "func_literal", "lambda_expression"})
# A function value assigned to a name (`obj.method = function`, `const f = () =>`, `fn := func`):
# the statement that names it is where the definition starts for a reader.
_DECLARING = frozenset(
    {
        "assignment_expression",
        "variable_declarator",
        "pair",
        "public_field_definition",
        "short_var_declaration",
        "assignment_statement",
        "var_spec",
    }
)
_NAMING_PARENTS = _DECLARING | {
    "decorated_definition",
    "lexical_declaration",
    "variable_declaration",
    "expression_statement",
    "expression_list",
    "export_statement",
}


def language_of(path: str) -> str | None:
    dot = path.rfind(".")
    return _EXTENSIONS.get(path[dot:].lower()) if dot > path.rfind("/") else None


@functools.cache
def _parser(language: str) -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(_GRAMMARS[language]()))


class Parses:
    """The files of one review, each parsed once within the review's byte budget. Planning asks
    for a file's tree while it finds the file's regions, then lets it go (`done`): a tree takes tens
    of times its source's size, so a review holds one at a time, not one per changed file."""

    def __init__(self, budget: ParseBudget | None = None) -> None:
        self._budget = budget or ParseBudget()
        self._files: dict[str, ParsedFile | None] = {}
        self._done: set[str] = set()

    def of(self, path: str, lines: Sequence[str]) -> ParsedFile | None:
        if path in self._done:
            raise RuntimeError(f"{path} was parsed and its tree let go: find its regions once")
        if path not in self._files:
            self._files[path] = ParsedFile.of(path, lines, self._budget)
        return self._files[path]

    def done(self, path: str) -> None:
        """Frees the file's tree: its regions are found."""
        self._files.pop(path, None)
        self._done.add(path)

    @property
    def held(self) -> int:
        return len(self._files)


class ParsedFile:
    """One file parsed once; `enclosing_start` is asked for each of its hunks."""

    def __init__(self, tree: tree_sitter.Tree, lines: Sequence[str]) -> None:
        self._tree = tree
        self._lines = lines

    @classmethod
    def of(cls, path: str, lines: Sequence[str], budget: ParseBudget | None = None) -> ParsedFile | None:
        """None when the language has no grammar here, the file is too large (or the review's
        budget spent), or parsing failed."""
        language = language_of(path)
        if language is None:
            return None
        source = "\n".join(lines).encode("utf-8", "surrogatepass")
        if not (budget or ParseBudget()).take(len(source)):
            return None
        try:
            tree = _parser(language).parse(source)
        except Exception:  # a parser failure costs only the better context, never the review
            logger.warning("tree-sitter could not parse %s: using the indentation rule", path, exc_info=True)
            return None
        return cls(tree, lines)

    def enclosing_start(self, first: int, max_lookback: int) -> int | None:
        """1-based first line of the innermost named definition that starts above line `first` and
        contains it (else of the outermost function literal), at most `max_lookback` lines up."""
        index = first - 1
        while index < len(self._lines) and not self._lines[index].strip():
            index += 1
        if index >= len(self._lines):
            return None
        line = self._lines[index]
        column = len(line[: len(line) - len(line.lstrip())].encode("utf-8", "surrogatepass"))
        node: tree_sitter.Node | None = self._tree.root_node.descendant_for_point_range(
            (index, column), (index, column)
        )
        anonymous: int | None = None  # the outermost unnamed function literal within reach
        while node is not None:
            if node.type in _DEFINITIONS and node.start_point.row < index:
                start, named = _named_start(node)
                if index - start > max_lookback:
                    break
                if named:
                    return start + 1
                anonymous = start + 1
            node = node.parent
        return anonymous


def _named_start(node: tree_sitter.Node) -> tuple[int, bool]:
    """The row where a definition starts for a reader (with the statement that names it, or its
    decorators), and whether anything names it."""
    named = node.type not in _ANONYMOUS
    while node.parent is not None and node.parent.type in _NAMING_PARENTS:
        if node.parent.type == "expression_statement" and node.type not in _NAMING_PARENTS:
            break  # a bare function expression statement: nothing names it
        node = node.parent
        named = named or node.type in _DECLARING
    return node.start_point.row, named
