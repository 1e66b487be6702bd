"""The grading process: a library that rebinds standard-library functions when the learner's code first imports
it (typing_extensions, under pydantic) is not taken for tampering. Found by the hiring exam, whose §2 notebook
holds one exercise whose checks import no pydantic, while the section's opening cell does."""
from pathlib import Path

import nbformat

from stylekit.notebooks.schema import kit_metadata, with_answers
from stylekit.curriculum.source import load_section
from stylekit.grading.runner import grade_notebook
from stylekit.patterns import load_catalogue
from tests.conftest import REPO_ROOT

SECTION = "02_type_system"
EXERCISE = "parcel_quote"


def test_WHEN_learner_code_first_imports_pydantic_THEN_graded_not_failed(tmp_path: Path) -> None:
    notebook = nbformat.read(str(REPO_ROOT / "exercises" / SECTION / f"{SECTION}.ipynb"), as_version=4)
    notebook.cells = [cell for cell in notebook.cells if kit_metadata(cell).get("exercise") in (None, EXERCISE)]
    exercise = next(item for item in load_section(REPO_ROOT, load_catalogue().section(SECTION)).exercises
                    if item.id == EXERCISE)
    path = tmp_path / f"{SECTION}.ipynb"
    nbformat.write(with_answers(notebook, {EXERCISE: exercise.model_answer()}), str(path))

    verdict = grade_notebook(path)

    expected = (None, exercise.points)
    actual = (verdict.failure, verdict.exercises[EXERCISE].score)
    assert expected == actual
