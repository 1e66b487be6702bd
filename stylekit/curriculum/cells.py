"""Deprecated: the cell schema lives in the notebook floor, stylekit/notebooks/schema.py. Import it from there.

This module only re-exports it for the grading process's modules (stylekit/grading/worker.py, runner.py and
selfcheck.py), which are being rewritten elsewhere right now; it goes once they import stylekit.notebooks.
Nothing else may import it (tests/notebooks/test_floor.py holds the list).
"""
from stylekit.notebooks.schema import (ROLE_GIVEN, ROLE_GRADED, ROLE_SOLUTION, ROLE_TASK, ROLE_VISIBLE_CHECK,
                                       ROLE_WIDGET, ExerciseSpec, exercise_answer, graded_exercises, kit_metadata,
                                       learner_cells, notebook_section, solution_cell_indices, with_answers)

__all__ = ["ROLE_GIVEN", "ROLE_GRADED", "ROLE_SOLUTION", "ROLE_TASK", "ROLE_VISIBLE_CHECK", "ROLE_WIDGET",
           "ExerciseSpec", "exercise_answer", "graded_exercises", "kit_metadata", "learner_cells", "notebook_section",
           "solution_cell_indices", "with_answers"]
