"""The exercise-cell schema: which cells of an exercise notebook are what, read from their metadata.

The builder (build.py) writes it; the grader, the self-check and the widgets read it. Each exercise cell carries
`metadata.stylekit = {"exercise": ID, "role": ROLE, ...}` with ROLE one of `task` (the Markdown task), `given`
(code the exercise hands over, run before the answer), `solution` (the learner writes here), `visible-check`
(a quick check the learner may run), `graded` (nbgrader grades it; its metadata also lists the exercise's
`patterns` and `style_points`) and `widget` (live feedback). Code cells without a role (the notebook's set-up,
the learner's own extra cells) and `given` cells are part of the learner's code.
"""
from dataclasses import dataclass, field
from typing import Any, Dict, List, Tuple, Type, TypeVar

from stylekit.notebook import cell_source

ROLE_TASK = "task"
ROLE_GIVEN = "given"
ROLE_SOLUTION = "solution"
ROLE_VISIBLE_CHECK = "visible-check"
ROLE_GRADED = "graded"
ROLE_WIDGET = "widget"  # a live-feedback widget cell: part of the notebook, never of the learner's code

T_ExerciseSpec = TypeVar("T_ExerciseSpec", bound="ExerciseSpec")


@dataclass
class ExerciseSpec:
    """What the graded cell of one exercise promises: its points, how many are for style, which patterns."""

    exercise: str
    points: float
    style_points: float
    patterns: List[str] = field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        return {"exercise": self.exercise, "points": self.points, "style_points": self.style_points,
                "patterns": self.patterns}

    @classmethod
    def from_dict(cls: Type[T_ExerciseSpec], raw: Dict[str, Any]) -> T_ExerciseSpec:
        return cls(exercise=raw["exercise"], points=float(raw["points"]), style_points=float(raw["style_points"]),
                   patterns=list(raw.get("patterns", [])))


def kit_metadata(cell: Any) -> Dict[str, Any]:
    return dict(cell.get("metadata", {}).get("stylekit", {}))


def notebook_section(notebook: Any) -> str:
    """The id of the guide section a built notebook belongs to ('types'), as its metadata says."""
    return str(notebook.get("metadata", {}).get("stylekit", {}).get("section", ""))


def learner_cells(notebook: Any) -> List[Tuple[int, str]]:
    """(cell index, source) of every code cell that is the learner's code, in notebook order."""
    return [(index, cell_source(cell)) for index, cell in enumerate(notebook.get("cells", []))
            if cell.get("cell_type") == "code"
            and kit_metadata(cell).get("role") not in (ROLE_GRADED, ROLE_VISIBLE_CHECK, ROLE_WIDGET)]


def solution_cell_indices(notebook: Any, exercise: str) -> List[int]:
    return [index for index, cell in enumerate(notebook.get("cells", []))
            if kit_metadata(cell).get("exercise") == exercise and kit_metadata(cell).get("role") == ROLE_SOLUTION]


def exercise_answer(notebook: Any, exercise: str) -> str:
    """The learner's answer to one exercise: the source of its solution cell(s), joined."""
    cells = notebook.get("cells", [])
    return "\n\n".join(cell_source(cells[index]) for index in solution_cell_indices(notebook, exercise))


def graded_exercises(notebook: Any) -> List[Tuple[int, ExerciseSpec]]:
    """(cell index, spec) of every graded cell of the notebook."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        meta = kit_metadata(cell)
        if meta.get("role") != ROLE_GRADED:
            continue
        points = float(cell.get("metadata", {}).get("nbgrader", {}).get("points", 0))
        found.append((index, ExerciseSpec(exercise=meta["exercise"], points=points,
                                          style_points=float(meta.get("style_points", 0)),
                                          patterns=list(meta.get("patterns", [])))))
    return found


def with_answers(notebook: Any, answers: Dict[str, str]) -> Any:
    """The notebook with the solution cell of each exercise named in `answers` holding that source instead: how a
    learner's submission is made from a release (tests, variants, benchmarks)."""
    for cell in notebook.cells:
        meta = kit_metadata(cell)
        if meta.get("role") == ROLE_SOLUTION and meta.get("exercise") in answers:
            cell.source = answers[meta["exercise"]]
    return notebook
