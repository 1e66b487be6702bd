"""Notebooks: cells judged in the context of earlier cells, IPython syntax skipped, findings mapped to cells."""
from pathlib import Path
from typing import List, Optional, Tuple

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from stylekit import Settings, check_notebook
from stylekit.notebook import check_cells

UNANNOTATED = "def area(width, height):\n    return width * height"


def _located(cells: List[Tuple[int, str]], select: Optional[Tuple[str, ...]] = None) -> List[Tuple[str, int, int]]:
    settings = Settings(select=select) if select else None
    report = check_cells(cells, settings=settings)
    return [(finding.rule, finding.cell or 0, finding.line) for finding in report.findings]


def test_WHEN_finding_in_later_cell_THEN_reported_with_cell_index_and_line_inside_cell() -> None:
    cells = [(0, "import math"), (2, "RADIUS = 2.0  # metres\n\n" + UNANNOTATED)]

    expected = [("SK0201", 2, 3)]
    actual = _located(cells, select=("SK0201",))
    assert expected == actual


def test_WHEN_cells_use_magics_and_shell_escapes_THEN_no_syntax_error() -> None:
    cells = [(0, "%matplotlib inline\n!pip list\nfiles = !ls\n%%time"), (1, "%%bash\necho hi"),
             (2, "len?\nfor item in range(3):\n    %time item\n")]

    actual = [rule for rule, _, _ in _located(cells)]

    assert "SK0000" not in actual


def test_WHEN_one_cell_does_not_parse_THEN_it_is_reported_and_other_cells_still_checked() -> None:
    cells = [(0, "def broken(:\n    pass"), (1, UNANNOTATED)]

    expected = [("SK0000", 0, 1), ("SK0201", 1, 1)]
    actual = _located(cells, select=("SK0201",))
    assert expected == actual


def test_WHEN_notebook_file_checked_THEN_only_code_cells_count_and_indices_are_notebook_wide(tmp_path: Path) -> None:
    notebook = new_notebook(cells=[new_markdown_cell("# Title"), new_code_cell("import os"),
                                   new_markdown_cell("text"), new_code_cell(UNANNOTATED)])
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, str(path))

    report = check_notebook(str(path), settings=Settings(select=("SK0201",)))

    expected = [(3, 1, str(path))]
    actual = [(finding.cell, finding.line, finding.path) for finding in report.findings]
    assert expected == actual


def test_WHEN_cell_magic_has_python_body_THEN_body_still_checked() -> None:
    cells = [(0, "%%ipytest -q\n" + UNANNOTATED), (1, "%%bash\n" + UNANNOTATED)]

    expected = [("SK0201", 0, 2)]
    actual = _located(cells, select=("SK0201",))
    assert expected == actual
