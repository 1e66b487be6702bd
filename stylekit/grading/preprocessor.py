"""The nbgrader preprocessor that puts the kit's verdicts into the graded cells, after Execute.

nbgrader scores a graded code cell from its outputs (the first number it returns; any error or stderr
output before it scores 0). Whatever the learner's kernel printed there is replaced by the verdict the
worker computed in a fresh process, so nothing in the learner's kernel decides a score.
"""
import logging
import tempfile
from pathlib import Path
from typing import Any, Dict, Tuple

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from nbformat.v4 import new_output
from traitlets import Float

from stylekit.grading.cells import graded_exercises
from stylekit.grading.feedback import render
from stylekit.grading.model import ExerciseVerdict
from stylekit.grading.runner import DEFAULT_TIMEOUT_SECONDS, grade_notebook

logger = logging.getLogger(__name__)


def verdict_outputs(verdict: ExerciseVerdict) -> list:
    return [new_output("stream", name="stdout", text=f"{render(verdict)}\n"),
            new_output("execute_result", data={"text/plain": repr(verdict.score)}, execution_count=None)]


class HiddenChecks(NbGraderPreprocessor):
    """Derived from nbgrader's base, which is enabled by default: a plain nbconvert Preprocessor is not, and
    nbconvert silently skips a disabled one, which would leave the graded cells empty, i.e. full marks."""

    timeout = Float(DEFAULT_TIMEOUT_SECONDS, help="Seconds the hidden checks of one notebook may take").tag(
        config=True)

    def preprocess(self, nb: Any, resources: Dict[str, Any]) -> Tuple[Any, Dict[str, Any]]:
        with tempfile.TemporaryDirectory(prefix="stylekit-autograde-") as folder:
            copy = Path(folder) / "submission.ipynb"
            nbformat.write(nb, str(copy))
            verdicts = grade_notebook(copy, timeout=self.timeout)
        for index, spec in graded_exercises(nb):
            verdict = verdicts.get(spec.exercise) or ExerciseVerdict(
                exercise=spec.exercise, max_points=spec.points, error="The grader returned no verdict")
            nb.cells[index].outputs = verdict_outputs(verdict)
        return nb, resources
