"""What of a returned notebook the kit trusts: only the learner's answers. The rest is taken from the course's own
notebook, and what the learner changed of it is found and said, never silently accepted.

- `restore_kit_metadata`: a submission's kit metadata (roles, patterns, style points) replaced by the source
  notebook's, matched by nbgrader's grade ids (and by cell ids for cells nbgrader does not track), before grading;
- `protected_cell_changes`: what a submission changed of the cells nbgrader puts back before grading (graded and
  locked cells), for the feedback to say;
- `cell_fingerprint`, `cell_locks` and `broken_locks`: the assessment's locked cells (every cell of a bundle but
  the answer cells), fingerprinted when the bundle is built and compared when it comes back.
"""
import copy
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Type, TypeVar

from stylekit.notebooks.schema import (KIT_KEY, NBGRADER_KEY, ROLE_SOLUTION, cell_exercise, cell_role, cell_source,
                                       clear_kit_metadata, grade_id, is_protected, kit_metadata, nbgrader_metadata,
                                       raw_metadata, set_kit_metadata)

T_Lock = TypeVar("T_Lock", bound="CellLock")

DELETED = "deleted"
EDITED = "edited"
POINTS_CHANGED = "points-changed"


# -- kit metadata --------------------------------------------------------------------------------------------------

def restore_kit_metadata(submitted: Any, source: Any) -> Any:
    """A copy of the submission whose kit metadata (notebook and cells) is the source notebook's."""
    trusted = copy.deepcopy(submitted)
    set_kit_metadata(trusted, kit_metadata(source))
    by_grade_id = {grade_id(cell): kit_metadata(cell) for cell in source.cells if grade_id(cell)}
    # Cells nbgrader does not track (visible checks, widgets) are matched by their stable cell ids.
    by_cell_id = {cell.get("id"): kit_metadata(cell) for cell in source.cells if cell.get("id") and kit_metadata(cell)}
    for cell in trusted.cells:
        cell_grade_id = grade_id(cell)
        if cell_grade_id in by_grade_id:
            set_kit_metadata(cell, by_grade_id[cell_grade_id])
        elif cell.get("id") in by_cell_id:
            set_kit_metadata(cell, by_cell_id[cell.get("id")])
        else:
            clear_kit_metadata(cell)  # only the instructor's cells carry the kit's roles
    return trusted


# -- cells nbgrader protects ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProtectedCellChange:
    """One change a submission made to a cell nbgrader restores before grading."""

    grade_id: str
    kind: str  # DELETED, EDITED or POINTS_CHANGED
    claimed_points: Any = None  # what the submission's metadata said, for POINTS_CHANGED
    course_points: Any = None

    def note(self, notebook: str) -> str:
        """The feedback's sentence about it: nothing is restored silently."""
        if self.kind == DELETED:
            return f"{notebook}: the protected cell {self.grade_id} was deleted; it was restored and graded"
        if self.kind == EDITED:
            return f"{notebook}: the protected cell {self.grade_id} was edited; the original was restored"
        return (f"{notebook}: the points of {self.grade_id} were changed to {self.claimed_points}; the course's "
                f"{self.course_points} count")


def protected_cells(notebook: Any) -> Dict[str, Any]:
    """The cells nbgrader protects (graded code cells and locked cells, never answers), by grade id."""
    found: Dict[str, Any] = {}
    for cell in notebook.cells:
        name = grade_id(cell)
        if is_protected(cell) and name:
            found[name] = cell
    return found


def protected_cell_changes(submitted: Any, source: Any) -> List[ProtectedCellChange]:
    """What the submission deleted or edited of the source's protected cells, and whose points it changed."""
    mine = protected_cells(submitted)
    changes = []
    for name, cell in protected_cells(source).items():
        theirs = mine.get(name)
        if theirs is None:
            changes.append(ProtectedCellChange(name, DELETED))
            continue
        if cell_source(theirs).strip() != cell_source(cell).strip():
            changes.append(ProtectedCellChange(name, EDITED))
        claimed = nbgrader_metadata(theirs).get("points")
        course = nbgrader_metadata(cell).get("points")
        if claimed is not None and claimed != course:
            changes.append(ProtectedCellChange(name, POINTS_CHANGED, claimed_points=claimed, course_points=course))
    return changes


# -- the assessment's locked cells ---------------------------------------------------------------------------------

@dataclass
class CellLock:
    """A cell the candidate must leave as it is: its position in the released notebook and its fingerprint."""

    index: int
    role: str
    exercise: str
    digest: str

    def to_dict(self) -> Dict[str, Any]:
        return {"index": self.index, "role": self.role, "exercise": self.exercise, "digest": self.digest}

    @classmethod
    def from_dict(cls: Type[T_Lock], raw: Dict[str, Any]) -> T_Lock:
        return cls(index=int(raw["index"]), role=raw["role"], exercise=raw["exercise"], digest=raw["digest"])


@dataclass(frozen=True)
class BrokenLock:
    """A locked cell the return deleted or edited."""

    lock: CellLock
    kind: str  # DELETED or EDITED


def cell_fingerprint(cell: Any) -> str:
    """A locked cell's fingerprint: its source and what nbgrader and the kit read from its metadata (points, roles).

    Exam records keep these: the digest must stay the same for the same cell, so an absent namespace (null) is told
    from an empty one, exactly as when the records were written."""
    kept = {key: raw_metadata(cell, key) for key in (NBGRADER_KEY, KIT_KEY)}
    text = f"{cell_source(cell)}\n{json.dumps(kept, sort_keys=True)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lock_role(cell: Any) -> str:
    return cell_role(cell) or str(cell.get("cell_type"))


def cell_locks(notebook: Any) -> List[CellLock]:
    """Every cell but the answer (solution) cells, fingerprinted: in a bundle the candidate edits only the answers."""
    return [CellLock(index=index, role=_lock_role(cell), exercise=cell_exercise(cell) or "",
                     digest=cell_fingerprint(cell))
            for index, cell in enumerate(notebook.cells) if cell_role(cell) != ROLE_SOLUTION]


def broken_locks(locks: List[CellLock], notebook: Any) -> List[BrokenLock]:
    """The locked cells the returned notebook deleted or edited. Cells are matched in order: by fingerprint, or
    else by role and exercise (an edited cell); a lock matched by neither is a deleted cell."""
    remaining = list(notebook.get("cells", []))
    found = []
    for lock in locks:
        match = _first(remaining, lambda cell: cell_fingerprint(cell) == lock.digest)
        if match is not None:
            remaining = remaining[match + 1:]
            continue
        same_role = _first(remaining, lambda cell: _lock_role(cell) == lock.role
                           and (cell_exercise(cell) or "") == lock.exercise)
        if same_role is None:
            found.append(BrokenLock(lock, DELETED))
        else:
            found.append(BrokenLock(lock, EDITED))
            remaining = remaining[same_role + 1:]
    return found


def _first(cells: List[Any], matches: Callable[[Any], bool]) -> Optional[int]:
    return next((position for position, cell in enumerate(cells) if matches(cell)), None)
