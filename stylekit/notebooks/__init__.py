"""The notebook floor: everything the kit knows about a notebook file and its cells, in one place.

- `reader.py`: the one way to read a notebook (`read_notebook`, `parse_notebook`), capped and validated;
- `schema.py`: which cells are what (answers, checks, given code, locked, worth what, practising which patterns),
  from the kit's `metadata.stylekit` and nbgrader's `metadata.nbgrader` together, and the builder's writers of both;
- `trust.py`: what of a returned notebook is trusted (kit metadata restored from the source, protected cells
  compared, the assessment's locked-cell fingerprints).

Everything above it (the builder, grading, nbgrader's seam, the widgets, the assessment) reads notebooks and their
cells through these modules, never by indexing metadata itself. It imports nothing of the kit but its errors, and
nbformat only when a notebook is read. (stylekit/notebook.py, beside it, is the style checker's view of a notebook.)
"""
from stylekit.notebooks.reader import (DEFAULT_LIMITS, NotebookLimits, NotebookTooLarge, UnreadableNotebook,
                                       parse_notebook, read_notebook)
from stylekit.notebooks.schema import (NOT_LEARNER_ROLES, ROLE_GIVEN, ROLE_GRADED, ROLE_SOLUTION, ROLE_TASK,
                                       ROLE_VISIBLE_CHECK, ROLE_WIDGET, ExerciseSpec, cell_exercise, cell_points,
                                       cell_role, cell_source, exercise_answer, exercise_cells, grade_id,
                                       graded_exercises, is_graded, is_graded_check, is_learner_code, is_locked,
                                       is_protected, is_solution, kit_metadata, kit_patterns, learner_cells,
                                       nbgrader_metadata, notebook_section, setup_cells, solution_cell_indices,
                                       total_points, with_answers)
from stylekit.notebooks.trust import (BrokenLock, CellLock, ProtectedCellChange, broken_locks, cell_fingerprint,
                                      cell_locks, protected_cell_changes, protected_cells, restore_kit_metadata)

__all__ = ["DEFAULT_LIMITS", "NOT_LEARNER_ROLES", "ROLE_GIVEN", "ROLE_GRADED", "ROLE_SOLUTION", "ROLE_TASK",
           "ROLE_VISIBLE_CHECK", "ROLE_WIDGET", "BrokenLock", "CellLock", "ExerciseSpec", "NotebookLimits",
           "NotebookTooLarge", "ProtectedCellChange", "UnreadableNotebook", "broken_locks", "cell_exercise",
           "cell_fingerprint", "cell_locks", "cell_points", "cell_role", "cell_source", "exercise_answer",
           "exercise_cells", "grade_id", "graded_exercises", "is_graded", "is_graded_check", "is_learner_code",
           "is_locked", "is_protected", "is_solution", "kit_metadata", "kit_patterns", "learner_cells",
           "nbgrader_metadata", "notebook_section", "parse_notebook", "protected_cell_changes", "protected_cells",
           "read_notebook", "restore_kit_metadata", "setup_cells", "solution_cell_indices", "total_points",
           "with_answers"]
