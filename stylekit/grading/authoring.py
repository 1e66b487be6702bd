"""Building and validating exercise notebooks, so every section's exercises share one exact shape.

An exercise is four cells: the task (markdown), the solution cell the learner writes in, visible checks
the learner may run, and the graded cell that calls the hidden checks. Authors build notebooks with
these functions (or edit them in JupyterLab) and `validate` keeps them honest in the tests.
"""
from typing import Any, Dict, List, Optional

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from stylekit.grading.cells import ROLE_GRADED, ROLE_SOLUTION, ROLE_VISIBLE_CHECK, kit_metadata
from stylekit.patterns import load_catalogue

NBGRADER_SCHEMA = 3  # nbgrader 0.9's cell metadata schema version
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: Optional[float] = None
              ) -> Dict[str, Any]:
    meta: Dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": NBGRADER_SCHEMA,
                            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def exercise_cells(exercise: str, task: str, solution: str, visible_checks: str, points: float,
                   style_points: float, patterns: List[str]) -> List[Any]:
    """The four cells of one exercise. `solution` holds the model answer between the solution markers."""
    task_cell = new_markdown_cell(task, id=f"{exercise}-task")
    task_cell.metadata["stylekit"] = {"exercise": exercise, "role": "task", "patterns": patterns}
    solution_cell = new_code_cell(solution, id=f"{exercise}-solution")
    solution_cell.metadata["nbgrader"] = _nbgrader(f"{exercise}_solution", grade=False, solution=True, locked=False)
    solution_cell.metadata["stylekit"] = {"exercise": exercise, "role": ROLE_SOLUTION, "patterns": patterns}
    visible_cell = new_code_cell(visible_checks, id=f"{exercise}-visible")
    visible_cell.metadata["stylekit"] = {"exercise": exercise, "role": ROLE_VISIBLE_CHECK}
    graded_cell = new_code_cell(graded_source(exercise), id=f"{exercise}-graded")
    graded_cell.metadata["nbgrader"] = _nbgrader(f"{exercise}_graded", grade=True, solution=False, locked=True,
                                                 points=points)
    graded_cell.metadata["stylekit"] = {"exercise": exercise, "role": ROLE_GRADED, "patterns": patterns,
                                        "style_points": style_points}
    return [task_cell, solution_cell, visible_cell, graded_cell]


def graded_source(exercise: str) -> str:
    return (f"# Checks exercise '{exercise}' (behaviour and style) with the hidden checks, as the grader will.\n"
            f"from stylekit.grading.selfcheck import check_exercise\n\n"
            f"check_exercise(\"{exercise}\")")


def exercise_notebook(section: str, cells: List[Any], patterns: List[str]) -> Any:
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = KERNELSPEC
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata["stylekit"] = {"section": section, "patterns": patterns}
    return notebook


def validate(notebook: Any) -> List[str]:
    """Problems with an exercise notebook's shape and metadata; empty when it is sound."""
    problems = []
    known = load_catalogue().patterns
    section = notebook.get("metadata", {}).get("stylekit", {}).get("section")
    if not section:
        problems.append("notebook metadata.stylekit.section is missing")
    for pattern in notebook.get("metadata", {}).get("stylekit", {}).get("patterns", []):
        if pattern not in known:
            problems.append(f"notebook lists unknown pattern {pattern}")
    exercises: Dict[str, List[str]] = {}
    for cell in notebook.get("cells", []):
        meta = kit_metadata(cell)
        if "exercise" in meta:
            exercises.setdefault(meta["exercise"], []).append(meta.get("role", ""))
        for pattern in meta.get("patterns", []):
            if pattern not in known:
                problems.append(f"cell {cell.get('id')} lists unknown pattern {pattern}")
        if meta.get("role") == ROLE_GRADED:
            nbgrader = cell.get("metadata", {}).get("nbgrader", {})
            if not nbgrader.get("grade") or "points" not in nbgrader:
                problems.append(f"graded cell {cell.get('id')} lacks nbgrader grade/points")
            if float(meta.get("style_points", 0)) > float(nbgrader.get("points", 0)):
                problems.append(f"graded cell {cell.get('id')} has more style points than points")
            if not meta.get("patterns"):
                problems.append(f"graded cell {cell.get('id')} lists no patterns")
    for exercise, roles in exercises.items():
        for role in (ROLE_SOLUTION, ROLE_GRADED):
            if roles.count(role) != 1:
                problems.append(f"exercise {exercise} has {roles.count(role)} {role} cells (needs exactly 1)")
    return problems


def with_answers(notebook: Any, answers: Dict[str, str]) -> Any:
    """The notebook with the solution cell of each exercise named in `answers` holding that source instead: how a
    learner's submission is made from a release (tests, variants, benchmarks)."""
    for cell in notebook.cells:
        meta = kit_metadata(cell)
        if meta.get("role") == ROLE_SOLUTION and meta.get("exercise") in answers:
            cell.source = answers[meta["exercise"]]
    return notebook
