"""The learner's release (exercises/) carries no model answer, no hidden check and nothing of the autograder."""
from pathlib import Path
from typing import List

import nbformat
import pytest

from stylekit.curriculum.source import SOLUTION_BEGIN, SectionSource, load_section, taught_sections
from tests.conftest import REPO_ROOT

SOURCES = [source for source in (load_section(REPO_ROOT, section) for section in taught_sections(REPO_ROOT))
           if source.exercises]
FOLDERS = [source.section.folder for source in SOURCES]


def _notebook_text(path: Path) -> str:
    """All cell sources of a notebook, joined: what a learner can read in it."""
    notebook = nbformat.read(str(path), as_version=4)
    return "\n".join(cell.source for cell in notebook.cells)


def _answer_lines(source: SectionSource) -> List[str]:
    """Lines only the model answers hold: a line the notebook also gives elsewhere (an import) is no secret."""
    answers = []
    for exercise in source.exercises:
        solution = exercise.solution_source()
        answers.extend(solution[solution.index(SOLUTION_BEGIN):].splitlines())
    given = "\n".join(exercise.task + exercise.visible + (exercise.given or "") for exercise in source.exercises)
    return [line.strip() for line in answers if len(line.strip()) > len("return x")
            and not line.strip().startswith("#") and line.strip() not in given]


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_released_notebook_read_THEN_no_answer_line_and_no_hidden_check(source: SectionSource) -> None:
    folder = source.section.folder
    released = _notebook_text(REPO_ROOT / "exercises" / folder / f"{folder}.ipynb")
    check_lines = [line.strip() for exercise in source.exercises for line in exercise.checks.splitlines()
                   if line.strip().startswith(("assert ", "@check("))]

    leaked = [line for line in _answer_lines(source) + check_lines if line in released]
    markers = [marker for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder") if marker in released]

    expected = ([], [])
    actual = (leaked, markers)
    assert expected == actual


def test_WHEN_exercise_folders_listed_THEN_nothing_from_autograder_released() -> None:
    folder = REPO_ROOT / "exercises"
    released = [path.name for path in folder.rglob("*")] if folder.is_dir() else []

    assert [] == [name for name in released if name.startswith("test_") or name.endswith((".yaml", ".md"))]
