"""The cell schema: which cells of a kit notebook are what, read from (and written to) their metadata, here alone.

Two tools write a cell's metadata, and the kit reads both:

- `metadata.stylekit`, the kit's own (written by the builder): `exercise` (the exercise's id), `role` (below),
  `patterns` (the guide's pattern ids the cell practises or grades) and, on a graded cell, `style_points` (how many
  of its points are for style). A notebook's own `metadata.stylekit` holds its `section` and `patterns` (and `kind`
  for lessons, `exam` in an assessment bundle).
- `metadata.nbgrader`, nbgrader's (schema 3): `grade` (nbgrader scores the cell), `solution` (the learner answers
  in it), `locked` (read-only: nbgrader puts the source's copy back before grading), `points` and `grade_id`
  (nbgrader's name for the cell, by which it matches a submission's cell to the source's).

The kit's roles: `task` (the Markdown task), `given` (code the exercise hands over, run before the answer),
`solution` (the learner writes here), `visible-check` (a quick check the learner may run), `graded` (nbgrader grades
it), `widget` (live feedback) and, in lessons, `lesson-<block>`. Graded, visible-check and widget cells are never
the learner's code; every other code cell is (see `learner_cells`, `setup_cells` and `exercise_cells`).

Nothing outside stylekit/notebooks/ indexes a cell's metadata (tests/notebooks/test_floor.py holds it to that).
"""
import copy
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple, Type, TypeVar

ROLE_TASK = "task"
ROLE_GIVEN = "given"
ROLE_SOLUTION = "solution"
ROLE_VISIBLE_CHECK = "visible-check"
ROLE_GRADED = "graded"
ROLE_WIDGET = "widget"  # a live-feedback widget cell: part of the notebook, never of the learner's code
NOT_LEARNER_ROLES = (ROLE_GRADED, ROLE_VISIBLE_CHECK, ROLE_WIDGET)

KIT_KEY = "stylekit"
NBGRADER_KEY = "nbgrader"
NBGRADER_SCHEMA = 3  # nbgrader 0.9's cell metadata schema version

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


# -- the two metadata namespaces -----------------------------------------------------------------------------------

def cell_source(cell: Any) -> str:
    """A cell's source as one string (nbformat allows a list of lines on disk)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def raw_metadata(node: Any, key: str) -> Any:
    """The value under `key` of a cell's or notebook's metadata exactly as stored (None when absent): for
    fingerprints, which must tell an absent namespace from an empty one."""
    metadata = node.get("metadata", {})
    return metadata.get(key) if isinstance(metadata, dict) else None


def _namespace(node: Any, key: str) -> Dict[str, Any]:
    value = raw_metadata(node, key)
    return dict(value) if isinstance(value, dict) else {}


def kit_metadata(node: Any) -> Dict[str, Any]:
    """A copy of the kit's metadata of a cell or a notebook (`metadata.stylekit`; empty when it has none)."""
    return _namespace(node, KIT_KEY)


def nbgrader_metadata(cell: Any) -> Dict[str, Any]:
    """A copy of nbgrader's metadata of a cell (`metadata.nbgrader`; empty when it has none)."""
    return _namespace(cell, NBGRADER_KEY)


def _writable_metadata(node: Any) -> Any:
    if "metadata" not in node:
        node["metadata"] = {}
    return node["metadata"]


def set_kit_metadata(node: Any, kit: Dict[str, Any]) -> None:
    """Make `kit` (copied) the kit's metadata of a cell or a notebook."""
    _writable_metadata(node)[KIT_KEY] = copy.deepcopy(kit)


def clear_kit_metadata(node: Any) -> None:
    _writable_metadata(node).pop(KIT_KEY, None)


def set_nbgrader_metadata(cell: Any, nbgrader: Dict[str, Any]) -> None:
    """Make `nbgrader` (copied; see `nbgrader_fields`) nbgrader's metadata of a cell."""
    _writable_metadata(cell)[NBGRADER_KEY] = copy.deepcopy(nbgrader)


def nbgrader_fields(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: Optional[float] = None
                    ) -> Dict[str, Any]:
    """nbgrader's metadata for a cell, as nbgrader's own Create Assignment tool writes it."""
    meta: Dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": NBGRADER_SCHEMA,
                            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


# -- one cell ------------------------------------------------------------------------------------------------------

def cell_role(cell: Any) -> Optional[str]:
    role = kit_metadata(cell).get("role")
    return None if role is None else str(role)


def cell_exercise(cell: Any) -> Optional[str]:
    """The id of the exercise the cell belongs to, as its own metadata says (None for the notebook's other cells)."""
    exercise = kit_metadata(cell).get("exercise")
    return None if exercise is None else str(exercise)


def kit_patterns(node: Any) -> List[str]:
    """The guide's pattern ids a cell (or a notebook) lists in the kit's metadata."""
    return [str(pattern) for pattern in kit_metadata(node).get("patterns", [])]


def grade_id(cell: Any) -> Optional[str]:
    """nbgrader's name for the cell (None when nbgrader does not track it)."""
    value = nbgrader_metadata(cell).get("grade_id")
    return str(value) if value else None


def is_graded(cell: Any) -> bool:
    """nbgrader scores the cell."""
    return bool(nbgrader_metadata(cell).get("grade"))


def is_solution(cell: Any) -> bool:
    """nbgrader's answer cell: the learner writes in it, and nbgrader never puts the source's copy back."""
    return bool(nbgrader_metadata(cell).get("solution"))


def is_locked(cell: Any) -> bool:
    """nbgrader's read-only flag."""
    return bool(nbgrader_metadata(cell).get("locked"))


def is_protected(cell: Any) -> bool:
    """nbgrader puts the source's copy of the cell back before grading (OverwriteCells): graded or locked cells,
    never an answer cell."""
    return (is_graded(cell) or is_locked(cell)) and not is_solution(cell)


def is_graded_check(cell: Any) -> bool:
    """A graded code cell that is not an answer: nbgrader scores it from its outputs, where the kit's verdict goes."""
    return cell.get("cell_type") == "code" and is_graded(cell) and not is_solution(cell)


def cell_points(cell: Any) -> float:
    """The points nbgrader gives the cell (0 when it names none)."""
    return float(nbgrader_metadata(cell).get("points", 0))


def is_learner_code(cell: Any) -> bool:
    """A code cell that is the learner's code: any code cell but a graded, visible-check or widget cell."""
    return cell.get("cell_type") == "code" and cell_role(cell) not in NOT_LEARNER_ROLES


# -- a notebook ----------------------------------------------------------------------------------------------------

def notebook_section(notebook: Any) -> str:
    """The id of the guide section a built notebook belongs to ('types'), as its metadata says."""
    return str(kit_metadata(notebook).get("section", ""))


def total_points(notebook: Any) -> float:
    """The points the notebook's graded cells offer, as nbgrader counts them."""
    return sum(cell_points(cell) for cell in notebook.get("cells", []) if is_graded(cell))


def learner_cells(notebook: Any) -> List[Tuple[int, str]]:
    """(cell index, source) of every code cell that is the learner's code, in notebook order."""
    return [(index, cell_source(cell)) for index, cell in enumerate(notebook.get("cells", []))
            if is_learner_code(cell)]


def _owners(notebook: Any) -> List[Optional[str]]:
    """Each cell's exercise: the one its metadata names, or for a cell naming none, the one the nearest cell above it
    names (None before the first cell that names an exercise)."""
    owners: List[Optional[str]] = []
    current: Optional[str] = None
    for cell in notebook.get("cells", []):
        current = cell_exercise(cell) or current
        owners.append(current)
    return owners


def setup_cells(notebook: Any) -> List[Tuple[int, str]]:
    """(cell index, source) of the notebook's set-up code: the learner's code cells above the first cell that belongs
    to an exercise (the introduction's code, and any code cell the learner added there)."""
    cells = notebook.get("cells", [])
    return [(index, cell_source(cell)) for index, (cell, owner) in enumerate(zip(cells, _owners(notebook)))
            if owner is None and is_learner_code(cell)]


def exercise_cells(notebook: Any, exercise: str) -> List[Tuple[int, str]]:
    """(cell index, source), in notebook order, of the code one exercise is loaded from, on its own.

    That is the notebook's set-up code (`setup_cells`) and the exercise's own code: its `given` and `solution` cells
    (by their metadata, wherever they are) and every code cell without a kit exercise the learner added after them,
    up to the next cell that belongs to another exercise. In the builder's layout each exercise opens with its task
    cell and every cell up to the next exercise's task cell names it or nothing, so a learner's cell belongs to the
    exercise whose task cell is the nearest above it; the rule still holds when the learner deleted a task cell (task
    cells are not locked). Graded, visible-check and widget cells are never learner code; another exercise's cells
    (its given code too) are not part of this one.
    """
    cells = notebook.get("cells", [])
    return [(index, cell_source(cell)) for index, (cell, owner) in enumerate(zip(cells, _owners(notebook)))
            if owner in (None, exercise) and is_learner_code(cell)]


def solution_cell_indices(notebook: Any, exercise: str) -> List[int]:
    return [index for index, cell in enumerate(notebook.get("cells", []))
            if cell_exercise(cell) == exercise and cell_role(cell) == ROLE_SOLUTION]


def exercise_answer(notebook: Any, exercise: str) -> str:
    """The learner's answer to one exercise: the source of its solution cell(s), joined."""
    cells = notebook.get("cells", [])
    return "\n\n".join(cell_source(cells[index]) for index in solution_cell_indices(notebook, exercise))


def graded_exercises(notebook: Any) -> List[Tuple[int, ExerciseSpec]]:
    """(cell index, spec) of every graded cell of the notebook (by the kit's role; points as nbgrader's metadata
    says)."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        meta = kit_metadata(cell)
        if meta.get("role") != ROLE_GRADED:
            continue
        found.append((index, ExerciseSpec(exercise=meta["exercise"], points=cell_points(cell),
                                          style_points=float(meta.get("style_points", 0)),
                                          patterns=list(meta.get("patterns", [])))))
    return found


def with_answers(notebook: Any, answers: Dict[str, str]) -> Any:
    """The notebook with the solution cell of each exercise named in `answers` holding that source instead: how a
    learner's submission is made from a release (tests, variants, benchmarks, the assessment's grading)."""
    for cell in notebook.cells:
        exercise = cell_exercise(cell)
        if cell_role(cell) == ROLE_SOLUTION and exercise in answers:
            cell.source = answers[str(exercise)]
    return notebook
