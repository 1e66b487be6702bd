"""Reading a notebook: the one way the kit turns a file (or its text) into a NotebookNode.

A notebook the kit reads may come from anyone: a learner's submission, a candidate's return, a file `stylekit lint`
was pointed at. So the reader checks the cheap things first, on the raw JSON (the file's size, its number of cells,
the length of each cell's source), and only then lets nbformat convert and validate it: nbformat's schema validation
of a 100,000-cell notebook alone takes longer than grading a whole class's honest notebooks. Every refusal is an
`UnreadableNotebook` naming the file and the reason; a refusal for size (`NotebookTooLarge`) also names the cap.
"""
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Union

from stylekit.errors import StylekitError

MIB = 1024 * 1024


@dataclass(frozen=True)
class NotebookLimits:
    """The caps a notebook must stay under to be read at all.

    The defaults are far above any notebook the kit makes or a learner writes, and far below what would cost real
    time or memory: the kit's largest built notebook is 46 KB with 67 cells and no cell source over 3,000
    characters (measured when these caps were set).
    - 20 MiB of file: room for a notebook saved with its outputs (a hundred plots at ~200 KB each), while a file the
      size of a data set is refused before it is parsed;
    - 5,000 cells: 75 times the largest built notebook; every cell is validated, checked and loaded, one by one;
    - 100,000 characters in one cell's source: about 2,000 lines of code, 30 times the longest built cell; the
      style checker and the grader parse each cell, and pasting a data set into a cell is not an answer.
    """

    max_bytes: int = 20 * MIB
    max_cells: int = 5_000
    max_cell_chars: int = 100_000


DEFAULT_LIMITS = NotebookLimits()


class UnreadableNotebook(StylekitError):
    """The file is not a notebook the kit will read: not UTF-8, not JSON, not valid nbformat, or too large."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"Cannot read the notebook {name}: {reason}")
        self.name = name
        self.reason = reason


class NotebookTooLarge(UnreadableNotebook):
    """Over one of the caps of NotebookLimits: refused before nbformat reads or validates it."""

    def __init__(self, name: str, cap: str, limit: int, actual: int, unit: str) -> None:
        super().__init__(name, f"{actual:,} {unit}, over the cap of {limit:,} {unit} (NotebookLimits.{cap})")
        self.cap = cap
        self.limit = limit
        self.actual = actual


def read_notebook(path: Union[str, Path], limits: NotebookLimits = DEFAULT_LIMITS) -> Any:
    """The notebook at `path` as an nbformat 4 NotebookNode, validated; UnreadableNotebook when it is not one."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise NotebookTooLarge(path.name, "max_bytes", limits.max_bytes, size, "bytes")
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # a file that grows while read is still capped
    except OSError as error:
        raise UnreadableNotebook(path.name, error.strerror or str(error))
    return parse_notebook(data, name=path.name, limits=limits)


def parse_notebook(data: Union[str, bytes], name: str = "<notebook>", limits: NotebookLimits = DEFAULT_LIMITS) -> Any:
    """A notebook's text (or bytes) as an nbformat 4 NotebookNode, validated; `name` says which file in errors."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > limits.max_bytes:
        raise NotebookTooLarge(name, "max_bytes", limits.max_bytes, size, "bytes")
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise UnreadableNotebook(name, f"not UTF-8 text ({error.reason} at byte {error.start})")
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError; deep nesting recurses
        raise UnreadableNotebook(name, f"not JSON ({str(error)[:200]})")
    if not isinstance(raw, dict):
        raise UnreadableNotebook(name, "not a notebook: its JSON is not an object")
    _check_cells(name, _raw_cells(raw), limits)
    return _validated(name, raw)


def _raw_cells(raw: Dict[str, Any]) -> List[Any]:
    """The cells of the raw JSON: nbformat 4's `cells`, or the cells of nbformat 3's worksheets."""
    cells = raw.get("cells")
    if isinstance(cells, list):
        return cells
    found: List[Any] = []
    worksheets = raw.get("worksheets")
    for sheet in worksheets if isinstance(worksheets, list) else []:
        sheet_cells = sheet.get("cells") if isinstance(sheet, dict) else None
        found.extend(sheet_cells if isinstance(sheet_cells, list) else [])
    return found


def _check_cells(name: str, cells: List[Any], limits: NotebookLimits) -> None:
    if len(cells) > limits.max_cells:
        raise NotebookTooLarge(name, "max_cells", limits.max_cells, len(cells), "cells")
    for index, cell in enumerate(cells):
        source = cell.get("source", cell.get("input", "")) if isinstance(cell, dict) else ""
        chars = sum(len(part) for part in source if isinstance(part, str)) if isinstance(source, list) \
            else len(source) if isinstance(source, str) else 0
        if chars > limits.max_cell_chars:
            raise NotebookTooLarge(f"{name} (cell {index})", "max_cell_chars", limits.max_cell_chars, chars,
                                   "characters")


def _validated(name: str, raw: Dict[str, Any]) -> Any:
    """nbformat's own reading of the raw JSON (lines joined, transient fields dropped, converted to version 4),
    validated against its schema: the steps of nbformat.reads, with a refusal instead of a logged complaint."""
    nbformat = _nbformat()
    major, minor = nbformat.reader.get_version(raw)
    if major not in nbformat.versions:
        raise UnreadableNotebook(name, f"nbformat {major} is not a notebook format nbformat knows")
    try:
        notebook = nbformat.convert(nbformat.versions[major].to_notebook_json(raw, minor=minor), 4)
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        raise UnreadableNotebook(name, f"not a valid notebook ({str(error).splitlines()[0][:200]})")
    except (AttributeError, KeyError, TypeError, ValueError) as error:  # what conversion raises on a broken shape
        raise UnreadableNotebook(name, f"not a valid notebook ({type(error).__name__}: {str(error)[:200]})")
    return notebook


def _nbformat() -> Any:
    """nbformat, imported on first read: it costs over a second, and most of the kit's work reads no notebook."""
    # jsonschema (under nbformat) builds a parser for RFC 3987 IRIs on import when the optional rfc3987_syntax
    # package is installed (JupyterLab's dependencies install it): 1.6 s per process. Notebook schemas never use the
    # IRI formats, so the kit tells jsonschema the package is absent (stylekit/grading/__init__.py does the same).
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import nbformat

    return nbformat
