"""A one-exercise pilot of section 2 for grading tests: `area(width, height)`, 3 points (2 hidden checks, 1 for
style), built by the section builder's own exercise_notebook, with its hidden checks written to a checks folder of
the test's own."""
from pathlib import Path
from typing import Any

import nbformat

from stylekit.curriculum.build import exercise_notebook
from stylekit.notebooks.schema import with_answers
from stylekit.curriculum.source import ExerciseSource
from stylekit.patterns import load_catalogue

PILOT_SECTION = load_catalogue().section("types")
SECTION = PILOT_SECTION.folder  # the nbgrader assignment, and the checks' folder
NOTEBOOK = f"{SECTION}.ipynb"
SOLUTION = ("### BEGIN SOLUTION\ndef area(width: float, height: float) -> float:\n    return width * height\n"
            "### END SOLUTION")
ANSWER = "def area(width: float, height: float) -> float:\n    return width * height\n"
SECRET = "hidden-check-marker-7f3a"  # appears in the hidden checks only: no page or notebook may show it
CHECKS = f'''
from stylekit.grading.checks import check

SECRET = "{SECRET}"


@check(points=1, expect="area(2, 3) is 6", pattern="types.annotations")
def test_WHEN_small_rectangle_THEN_area(learner):
    assert 6 == learner.area(2, 3)


@check(points=1, expect="area(0.5, 4) is 2.0")
def test_WHEN_fractional_side_THEN_area(learner):
    assert 2.0 == learner.area(0.5, 4)
'''


PILOT_EXERCISE = ExerciseSource(id="area", title="Area", points=3, style_points=1, patterns=["types.annotations"],
                                task="Write `area(width, height)`.", answer=SOLUTION, visible="assert 6 == area(2, 3)",
                                checks=CHECKS)


def pilot_notebook() -> Any:
    return exercise_notebook(PILOT_SECTION, None, [PILOT_EXERCISE])


def write_pilot(root: Path) -> Path:
    """Write the pilot's solutions/ and checks/ folders under root; returns the checks root."""
    sources = root / "solutions" / SECTION
    sources.mkdir(parents=True)
    nbformat.write(pilot_notebook(), str(sources / NOTEBOOK))
    checks = root / "checks" / SECTION
    checks.mkdir(parents=True)
    (checks / "test_area.py").write_text(CHECKS)
    return root / "checks"


def with_answer(notebook: Any, answer: str) -> Any:
    """The pilot notebook with its one solution cell holding `answer`."""
    return with_answers(notebook, {"area": answer})
