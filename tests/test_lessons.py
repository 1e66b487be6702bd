"""Every lesson notebook runs top to bottom in a real kernel without an error, and lists its patterns."""
from pathlib import Path
from typing import List

import nbformat
import pytest
from nbclient import NotebookClient

from stylekit.patterns import load_catalogue
from tests.conftest import REPO_ROOT

LESSONS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))


def _executed(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(str(path), as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


@pytest.mark.parametrize("path", LESSONS, ids=[path.stem for path in LESSONS])
def test_WHEN_lesson_executed_THEN_no_cell_errors(path: Path) -> None:
    notebook = _executed(path)

    errors = [f"cell {cell.get('id')}: {output.get('ename')}: {output.get('evalue')}" for cell in notebook.cells
              if cell.cell_type == "code" for output in cell.outputs if output.output_type == "error"]
    assert [] == errors


@pytest.mark.parametrize("path", LESSONS, ids=[path.stem for path in LESSONS])
def test_WHEN_lesson_metadata_read_THEN_patterns_are_known_and_cover_its_section(path: Path) -> None:
    notebook = nbformat.read(str(path), as_version=4)
    listed = notebook.metadata.get("stylekit", {}).get("patterns", [])
    catalogue = load_catalogue()
    number = path.stem.split("_")[0]
    section = next((item.id for item in catalogue.sections.values() if f"{item.number:02d}" == number), None)
    missing: List[str] = [pattern.id for pattern in catalogue.patterns.values()
                          if pattern.section == section and pattern.id not in listed]

    expected = ([], [])
    actual = ([pattern for pattern in listed if pattern not in catalogue.patterns], missing)
    assert expected == actual


def test_WHEN_welcome_executed_THEN_checker_output_shown() -> None:
    notebook = _executed(REPO_ROOT / "notebooks" / "00_welcome.ipynb")

    printed = "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                      for output in cell.outputs)
    assert "SK0201" in printed
