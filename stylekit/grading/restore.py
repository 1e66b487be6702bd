"""What a submission changed in the cells the learner may not edit: nbgrader restores them before grading
(OverwriteCells, and add_missing_cells for deleted ones); the feedback says so, so nothing is restored silently."""
from pathlib import Path
from typing import Any, Dict, List

import nbformat

from stylekit.notebook import cell_source


def _graded_cells(notebook: Any) -> Dict[str, Any]:
    """The cells nbgrader protects, by grade id: graded code cells and locked (read-only) cells."""
    found = {}
    for cell in notebook.cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        is_protected = bool(nbgrader.get("grade") or nbgrader.get("locked")) and not nbgrader.get("solution")
        if is_protected and nbgrader.get("grade_id"):
            found[nbgrader["grade_id"]] = cell
    return found


def restoration_notes(submitted: Path, source: Path) -> List[str]:
    protected = _graded_cells(nbformat.read(str(source), as_version=4))
    mine = _graded_cells(nbformat.read(str(submitted), as_version=4))
    notes = []
    for grade_id, cell in protected.items():
        theirs = mine.get(grade_id)
        if theirs is None:
            notes.append(f"{submitted.name}: the protected cell {grade_id} was deleted; it was restored and graded")
            continue
        if cell_source(theirs).strip() != cell_source(cell).strip():
            notes.append(f"{submitted.name}: the protected cell {grade_id} was edited; the original was restored")
        points = theirs.get("metadata", {}).get("nbgrader", {}).get("points")
        if points is not None and points != cell.metadata["nbgrader"].get("points"):
            notes.append(f"{submitted.name}: the points of {grade_id} were changed to {points}; the course's "
                         f"{cell.metadata['nbgrader'].get('points')} count")
    return notes
