"""A one-exercise pilot section for grading tests: `area(width, height)`, 3 points (2 hidden checks, 1 for
style), with its hidden checks written to a checks folder of the test's own."""
from pathlib import Path
from typing import Any

import nbformat

from stylekit.grading.authoring import exercise_cells, exercise_notebook, with_answers

SECTION = "99_pilot"
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


def pilot_notebook() -> Any:
    return exercise_notebook(SECTION, exercise_cells(
        "area", "Write `area(width, height)`.", SOLUTION, "assert 6 == area(2, 3)", points=3, style_points=1,
        patterns=["types.annotations"]), patterns=["types.annotations"])


def write_pilot(root: Path) -> Path:
    """Write solutions/99_pilot/ and checks/99_pilot/ under root; returns the checks root."""
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
