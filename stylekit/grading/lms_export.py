"""Grades in the CSV shapes that learning-management systems import, derived from a `stylekit grade` run's results.

- **Canvas** (Grades › Import): the columns of Canvas's own gradebook export, `Student, ID, SIS User ID, SIS Login
  ID, Section`, then one column per assignment, and a `Points Possible` row under the header. Canvas matches each
  row by SIS Login ID (the learner's login, which is their nbgrader and JupyterHub name); a column named after an
  assignment Canvas does not have yet becomes a new assignment with those points.
- **Moodle** (Grades › Import › CSV file): a `Username` column to map to the user field "username", then one column
  per assignment to map to a grade item (or to a new one).

A submission that could not be graded leaves its cell empty: both systems then keep whatever grade they held,
rather than recording a zero the learner did not earn.
"""
import csv
import io
from enum import Enum
from pathlib import Path
from typing import Dict, List, Sequence

from stylekit.files import write_atomically
from stylekit.grading.model import SubmissionResult
from stylekit.text import printable

CANVAS_IDENTITY_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_ROW = "    Points Possible"  # Canvas's export writes it so, indented, in the Student column


class LmsFormat(str, Enum):
    CANVAS = "canvas"
    MOODLE = "moodle"


def assignment_column(assignment: str) -> str:
    """The column (and, in the LMS, assignment) name: the section folder, marked as the kit's."""
    return f"stylekit {assignment}"


def _points(value: float) -> str:
    return f"{value:g}"


def lms_csv(results: Sequence[SubmissionResult], target: LmsFormat) -> str:
    """The CSV text for `target`: one row per learner, one column per assignment, in name order."""
    assignments = sorted({result.assignment for result in results})
    learners = sorted({result.learner for result in results})
    scores: Dict[str, Dict[str, str]] = {learner: {} for learner in learners}
    possible: Dict[str, float] = {}
    for result in results:
        scores[result.learner][result.assignment] = "" if result.score is None else _points(result.score)
        possible[result.assignment] = max(possible.get(result.assignment, 0.0), result.max_score)
    columns = [assignment_column(assignment) for assignment in assignments]
    rows: List[List[str]] = []
    if target == LmsFormat.CANVAS:
        rows.append([*CANVAS_IDENTITY_COLUMNS, *columns])
        rows.append([CANVAS_POINTS_ROW, "", "", "", "", *[_points(possible[name]) for name in assignments]])
        rows += [[learner, "", "", learner, "", *[scores[learner].get(name, "") for name in assignments]]
                 for learner in learners]
    else:
        rows.append(["Username", *columns])
        rows += [[learner, *[scores[learner].get(name, "") for name in assignments]] for learner in learners]
    buffer = io.StringIO()
    # Learners and assignments are folder names: shown printable, so that one odd name cannot stop the file.
    csv.writer(buffer, lineterminator="\n").writerows([[printable(cell) for cell in row] for row in rows])
    return buffer.getvalue()


def write_lms_csv(path: Path, results: Sequence[SubmissionResult], target: LmsFormat) -> Path:
    write_atomically(path, lms_csv(results, target))
    return path
