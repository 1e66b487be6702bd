"""exercises/ is generated from solutions/ and up to date, and carries no solution and no hidden check."""
import re
from pathlib import Path
from typing import List

import nbformat
import pytest

from stylekit.course import exercises_differences, sections
from tests.conftest import REPO_ROOT

SECTIONS = sections()
SOLUTION_REGION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


def _notebook_text(path: Path) -> str:
    """All cell sources of a notebook, joined: what a learner can read in it."""
    notebook = nbformat.read(str(path), as_version=4)
    return "\n".join(cell.source for cell in notebook.cells)


def _solution_lines(section: str) -> List[str]:
    """Lines that only the model answers contain: a line the notebook also gives outside the solution
    regions (a decorator, an import) is not the answer's secret."""
    text = _notebook_text(REPO_ROOT / "solutions" / section / f"{section}.ipynb")
    given = {line.strip() for line in SOLUTION_REGION.sub("", text).splitlines()}
    return [line.strip() for region in SOLUTION_REGION.findall(text) for line in region.splitlines()
            if len(line.strip()) > len("return x") and not line.strip().startswith("#") and line.strip() not in given]


def test_WHEN_exercises_regenerated_THEN_identical_to_committed() -> None:
    expected: List[str] = []
    actual = exercises_differences()
    assert expected == actual


@pytest.mark.parametrize("section", SECTIONS)
def test_WHEN_released_notebook_read_THEN_no_solution_line_and_no_hidden_check(section: str) -> None:
    released = _notebook_text(REPO_ROOT / "exercises" / section / f"{section}.ipynb")
    checks = [path.read_text() for path in (REPO_ROOT / "autograder" / "checks" / section).glob("*.py")]
    check_lines = [line.strip() for text in checks for line in text.splitlines()
                   if line.strip().startswith(("assert ", "@check("))]

    leaked = [line for line in _solution_lines(section) + check_lines if line in released]
    markers = [marker for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder") if marker in released]

    expected = ([], [])
    actual = (leaked, markers)
    assert expected == actual


def test_WHEN_exercise_folders_listed_THEN_nothing_from_autograder_released() -> None:
    folder = REPO_ROOT / "exercises"
    released = [path.name for path in folder.rglob("*")] if folder.is_dir() else []

    assert [] == [name for name in released if name.startswith("test_") or name.endswith(".yaml")]
