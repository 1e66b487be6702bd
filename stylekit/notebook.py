"""Checking notebooks: the code cells are judged as one module, each cell in the context of those before it.

Joining the cells (rather than checking each alone) is what stops false alarms from splitting code across
cells: an import in cell 1 used in cell 4 is simply an earlier line of the same module. IPython syntax
(magics, shell escapes, help queries) is masked line by line, keeping the line count so that every
finding maps back to its cell and its line inside the cell.
"""
import ast
import logging
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

from stylekit.engine import check_source
from stylekit.findings import Finding, StyleReport
from stylekit.notebooks.reader import read_notebook
from stylekit.notebooks.magics import mask_ipython
from stylekit.notebooks.schema import cell_source
from stylekit.settings import Settings

logger = logging.getLogger(__name__)



@dataclass
class CellSpan:
    """Where one code cell sits inside the joined module."""

    cell_index: int
    first_line: int  # 1-based line of the cell's first line in the joined source
    line_count: int


def join_cells(cells: Sequence[Tuple[int, str]]) -> Tuple[str, List[CellSpan]]:
    """Join (cell index, source) pairs into one module, one blank line between cells."""
    parts: List[str] = []
    spans: List[CellSpan] = []
    line = 1
    for cell_index, source in cells:
        text = mask_ipython(source.rstrip("\n"))
        count = text.count("\n") + 1
        spans.append(CellSpan(cell_index=cell_index, first_line=line, line_count=count))
        parts.append(text)
        line += count + 1
    return "\n\n".join(parts) + "\n", spans


def _locate(spans: List[CellSpan], line: int) -> Tuple[Optional[CellSpan], int]:
    for span in spans:
        if span.first_line <= line < span.first_line + span.line_count:
            return span, line - span.first_line + 1
    return None, line


def check_cells(cells: Sequence[Tuple[int, str]], path: Optional[str] = None,
                settings: Optional[Settings] = None, honour_waivers: bool = True) -> StyleReport:
    """Check code cells given as (cell index, source) pairs, earlier cells first. `honour_waivers=False` counts
    every finding, waiver comments or not (grading: a learner may not waive the rule an exercise practises)."""
    remaining = [(index, source) for index, source in cells if source.strip()]
    findings: List[Finding] = []
    joined, spans = join_cells(remaining)
    if not is_parsable(joined):
        # Jupyter parses every cell on its own, so a cell that does not parse alone is the broken one.
        # Report each such cell where it is and judge the others without it, so one typo does not
        # silence the feedback on every other cell.
        broken = [(index, source) for index, source in remaining if not is_parsable(mask_ipython(source))]
        for cell_index, source in broken:
            cell_report = check_source(mask_ipython(source), path=path, settings=settings, is_notebook=True,
                                       honour_waivers=honour_waivers)
            for finding in cell_report.findings:
                finding.cell = cell_index
            findings.extend(cell_report.findings)
        broken_indices = {index for index, _ in broken}
        remaining = [pair for pair in remaining if pair[0] not in broken_indices]
        joined, spans = join_cells(remaining)
    report = check_source(joined, path=path, settings=settings, is_notebook=True, honour_waivers=honour_waivers)
    findings.extend(_map_to_cells(report.findings, spans, path))
    findings.sort(key=Finding.sort_key)
    return StyleReport(findings=findings, path=path, shown=report.shown)


def _map_to_cells(findings: List[Finding], spans: List[CellSpan], path: Optional[str]) -> List[Finding]:
    mapped = []
    for finding in findings:
        span, line = _locate(spans, finding.line)
        if span is None:
            # A finding on a separator line belongs to the cell before it.
            span = max((s for s in spans if s.first_line <= finding.line), key=lambda s: s.first_line,
                       default=spans[0] if spans else None)
            line = span.line_count if span else finding.line
        finding.end_line = max(line, finding.end_line - finding.line + line)
        finding.line = line
        finding.cell = span.cell_index if span else None
        finding.path = path
        mapped.append(finding)
    return mapped


def check_notebook(notebook: Any, path: Optional[str] = None, settings: Optional[Settings] = None) -> StyleReport:
    """Check every code cell of a notebook (a NotebookNode, a dict, or a path to an .ipynb file)."""
    if isinstance(notebook, str):
        path = path or notebook
        notebook = read_notebook(notebook)
    cells = [(index, cell_source(cell)) for index, cell in enumerate(notebook.get("cells", []))
             if cell.get("cell_type") == "code"]
    return check_cells(cells, path=path, settings=settings)


def is_parsable(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
