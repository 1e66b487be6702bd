"""The grading pipeline end to end on a one-exercise pilot section: real nbgrader, grading processes, pytest."""
from pathlib import Path
from typing import Dict

import nbformat
import pytest

from stylekit.notebooks.schema import ROLE_SOLUTION, kit_metadata
from stylekit.grading.runner import CHECKS_ENV
from tests.grading.course import Course
from tests.grading.pilot import SECTION, SOLUTION, write_pilot

@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Course:
    monkeypatch.setenv(CHECKS_ENV, str(write_pilot(tmp_path)))
    return Course(tmp_path / "course", tmp_path / "solutions")


def _submit_with_solution(course: Course, learner: str, solution: str) -> Dict[str, float]:
    released = nbformat.read(str(course.release(SECTION) / f"{SECTION}.ipynb"), as_version=4)
    for cell in released.cells:
        if kit_metadata(cell).get("role") == ROLE_SOLUTION:
            cell.source = solution
    course.submit(learner, SECTION, f"{SECTION}.ipynb", released)
    return course.autograde(learner, SECTION)


def test_WHEN_correct_styled_answer_autograded_THEN_full_marks(course: Course) -> None:
    actual = _submit_with_solution(course, "ada", SOLUTION)

    assert {"area_graded": 3.0} == {name: score for name, score in actual.items() if name == "area_graded"}


def test_WHEN_released_stub_autograded_THEN_zero(course: Course) -> None:
    released = nbformat.read(str(course.release(SECTION) / f"{SECTION}.ipynb"), as_version=4)
    course.submit("bob", SECTION, f"{SECTION}.ipynb", released)

    actual = course.autograde("bob", SECTION)

    assert 0.0 == actual["area_graded"]


def test_WHEN_correct_but_unannotated_THEN_only_style_point_lost(course: Course) -> None:
    actual = _submit_with_solution(course, "cy", "def area(width, height):\n    return width * height")

    assert 2.0 == actual["area_graded"]


def test_WHEN_half_wrong_answer_THEN_loses_that_check_and_style(course: Course) -> None:
    wrong = "def area(width: float, height: float) -> float:\n    return int(width) * height"

    actual = _submit_with_solution(course, "dee", wrong)

    assert 1.0 == actual["area_graded"]


def test_WHEN_answer_writes_stderr_THEN_no_points_lost(course: Course) -> None:
    noisy = ("import sys\n\nsys.stderr.write('debug noise\\n')\n\n\n"
             "def area(width: float, height: float) -> float:\n    return width * height")

    actual = _submit_with_solution(course, "eve", noisy)

    assert 3.0 == actual["area_graded"]


def test_WHEN_graded_cell_deleted_THEN_restored_and_graded(course: Course) -> None:
    released = nbformat.read(str(course.release(SECTION) / f"{SECTION}.ipynb"), as_version=4)
    released.cells = [cell for cell in released.cells if kit_metadata(cell).get("role") != "graded"]
    course.submit("fay", SECTION, f"{SECTION}.ipynb", released)

    actual = course.autograde("fay", SECTION)

    assert 0.0 == actual["area_graded"]


def test_WHEN_learner_strips_kit_metadata_THEN_no_free_marks(course: Course) -> None:
    released = nbformat.read(str(course.release(SECTION) / f"{SECTION}.ipynb"), as_version=4)
    for cell in released.cells:
        cell.metadata.pop("stylekit", None)
    released.metadata.pop("stylekit", None)
    course.submit("gus", SECTION, f"{SECTION}.ipynb", released)

    actual = course.autograde("gus", SECTION)

    assert 0.0 == actual["area_graded"]
