"""A copy of the kit's built files in a temporary folder, for tests that change the kit as a `git pull` would, and
the learner's doings in a workspace (answers saved, a lesson only run, a note written into a lesson)."""
import shutil
from pathlib import Path
from typing import Dict, Iterable

import nbformat

from stylekit.notebooks.schema import exercise_answer, graded_exercises, with_answers
from tests.conftest import REPO_ROOT

EXERCISE = "exercises/02_type_system/02_type_system.ipynb"
SOLUTION = REPO_ROOT / "solutions" / "02_type_system" / "02_type_system.ipynb"
RUN_ONLY_LESSON = "notebooks/02_type_system_lesson.ipynb"  # the learner ran it and saved, wrote nothing
EDITED_LESSON = "notebooks/03_documentation_lesson.ipynb"  # the learner wrote a note into it
NEW_LESSON = "notebooks/07_dependencies_lesson.ipynb"  # a section the kit gains
NEW_EXERCISE = "exercises/07_dependencies/07_dependencies.ipynb"
BUILT = ("notebooks", "exercises", "solutions", "autograder", "sections")


def copy_kit(destination: Path, parts: Iterable[str] = ("notebooks", "exercises")) -> Path:
    """The kit's built `parts` (and the guide material) copied to `destination`, without bytecode caches."""
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for part in parts:
        shutil.copytree(REPO_ROOT / part, destination / part, ignore=ignore)
    shutil.copytree(REPO_ROOT / "stylekit" / "guide", destination / "stylekit" / "guide", ignore=ignore)
    return destination


def write_answers(path: Path) -> Dict[str, str]:
    """Every exercise of the §2 notebook at `path` answered with the model answer, saved; the answers."""
    model = nbformat.read(str(SOLUTION), as_version=4)
    answers = {spec.exercise: exercise_answer(model, spec.exercise) for _, spec in graded_exercises(model)}
    nbformat.write(with_answers(nbformat.read(str(path), as_version=4), answers), str(path))
    return answers


def run_and_save(path: Path) -> None:
    """What running every cell and saving leaves in a notebook: execution counts and outputs, sources untouched."""
    notebook = nbformat.read(str(path), as_version=4)
    for count, cell in enumerate((cell for cell in notebook.cells if cell.cell_type == "code"), start=1):
        cell.execution_count = count
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"ran cell {count}\n")]
    nbformat.write(notebook, str(path))


def edit_first_markdown(path: Path, words: str) -> None:
    """Add a sentence to the notebook's first Markdown cell, as an author correcting it or a learner's note would."""
    notebook = nbformat.read(str(path), as_version=4)
    first = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
    first.source = f"{first.source}\n\n{words}"
    nbformat.write(notebook, str(path))


def add_section(kit: Path) -> None:
    """A new section's lesson and exercise notebook (made from §2's, renamed: their content is not the point)."""
    (kit / NEW_EXERCISE).parent.mkdir(parents=True)
    shutil.copyfile(kit / EXERCISE, kit / NEW_EXERCISE)
    shutil.copyfile(kit / RUN_ONLY_LESSON, kit / NEW_LESSON)
    edit_first_markdown(kit / NEW_LESSON, "A section the kit gained.")
