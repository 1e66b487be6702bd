"""Live style feedback in notebooks: the StyleCoach code area, feedback under every executed cell,
an exercise rubric and a progress view. Importing this package needs ipywidgets (the `kit` extra)."""
from stylekit.widgets.cell_feedback import disable_cell_feedback, enable_cell_feedback
from stylekit.widgets.coach import StyleCoach
from stylekit.widgets.progress_view import ProgressView
from stylekit.widgets.rubric import ExerciseRubric, Rubric

__all__ = ["StyleCoach", "Rubric", "ExerciseRubric", "ProgressView", "enable_cell_feedback", "disable_cell_feedback"]
