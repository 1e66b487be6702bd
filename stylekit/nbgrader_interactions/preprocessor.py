"""The nbgrader preprocessor that puts the kit's verdicts into the graded cells (the kit runs no Execute step).

nbgrader scores a graded code cell from its outputs (the first number it returns; any error or stderr
output before it scores 0; no output at all is full credit). So every graded cell gets its outputs replaced:
with the verdict the worker computed in a fresh process, or with a zero and the reason. Nothing the learner's
kernel printed there, and no metadata the learner could edit, decides a score: the kit's metadata is taken
from the instructor's source notebook, matched by nbgrader's grade ids.
"""
import logging
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import nbformat
from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Any as AnyTrait
from traitlets import Float, Integer, Unicode

from stylekit.grading.containment import ContainmentMode
from stylekit.grading.feedback import render
from stylekit.grading.model import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, ExerciseVerdict, NotebookVerdict
from stylekit.grading.runner import grade_notebook
from stylekit.notebooks.reader import read_notebook
from stylekit.notebooks.schema import cell_points, grade_id, graded_exercises, is_graded_check
from stylekit.notebooks.trust import restore_kit_metadata

logger = logging.getLogger(__name__)


def verdict_outputs(verdict: ExerciseVerdict) -> list:
    return [new_output("stream", name="stdout", text=f"{render(verdict)}\n"),
            new_output("execute_result", data={"text/plain": repr(verdict.score)}, execution_count=None)]


class HiddenChecks(NbGraderPreprocessor):
    """Derived from nbgrader's base, which is enabled by default: a plain nbconvert Preprocessor is not, and
    nbconvert silently skips a disabled one, which would leave the graded cells empty, i.e. full marks."""

    timeout = Float(DEFAULT_TIMEOUT_SECONDS, help="Seconds the hidden checks of one notebook may take").tag(
        config=True)
    memory_mb = Integer(DEFAULT_MEMORY_MB, help="Address space of one grading process, in MiB").tag(config=True)
    containment = Unicode(ContainmentMode.AUTO.value,
                          help="How learner code is contained: auto (Linux namespaces where the machine offers "
                               "them), namespaces (or refuse to grade), audit-only").tag(config=True)
    checks_directory = Unicode("", help="The hidden checks, one folder per section  [default: the kit's "
                                        "autograder/checks/, or $STYLEKIT_CHECKS]").tag(config=True)
    verdict_sink = AnyTrait(None, allow_none=True, help="A VerdictSink that is handed each notebook's verdicts, for a "
                                                   "caller in this process (`stylekit grade`)").tag(config=True)

    def _source_root(self) -> Path:
        course = self.config.get("CourseDirectory", {})
        return Path(course.get("root", ".")) / course.get("source_directory", "source")

    def _source_notebook(self, resources: Dict[str, Any]) -> Optional[Any]:
        info = resources.get("nbgrader", {})
        path = self._source_root() / str(info.get("assignment", "")) / f"{info.get('notebook', '')}.ipynb"
        if not path.is_file():
            logger.warning(f"No source notebook at {path}: trusting the submission's own kit metadata")
            return None
        return read_notebook(path)

    def preprocess(self, nb: Any, resources: Dict[str, Any]) -> Tuple[Any, Dict[str, Any]]:
        source = self._source_notebook(resources)
        trusted = restore_kit_metadata(nb, source) if source is not None else nb
        with tempfile.TemporaryDirectory(prefix="stylekit-autograde-") as folder:
            path = Path(folder) / "submission.ipynb"
            nbformat.write(trusted, str(path))
            # nbgrader runs the notebook in its autograded folder, beside the section's given modules.
            conversion = resources.get("metadata", {})  # not notebook metadata: nbconvert's, about this conversion
            workdir = conversion.get("path") or None
            graded = grade_notebook(path, checks_root=Path(self.checks_directory) if self.checks_directory else None,
                                    timeout=self.timeout, workdir=Path(workdir) if workdir else None,
                                    memory_mb=self.memory_mb, references_root=self._source_root(),
                                    containment=ContainmentMode(self.containment))
        verdicts = graded.exercises if graded.failure is None else {}
        written = NotebookVerdict(failure=graded.failure, problems=graded.problems, output=graded.output)
        exercises = {index: spec for index, spec in graded_exercises(trusted)}
        for index, cell in enumerate(nb.cells):
            if not is_graded_check(cell):
                continue
            spec = exercises.get(index)
            points = cell_points(cell)
            verdict = verdicts.get(spec.exercise) if spec else None
            if verdict is None:
                verdict = ExerciseVerdict(exercise=spec.exercise if spec else str(grade_id(cell)), max_points=points,
                                          error=graded.failure or "This graded cell is not one the course knows, "
                                                                  "so it cannot be graded")
            cell.outputs = verdict_outputs(verdict)
            written.exercises[verdict.exercise] = verdict
        if self.verdict_sink is not None:
            info = resources.get("nbgrader", {})
            self.verdict_sink.put(str(info.get("notebook")), written)
        return nb, resources


class VerdictSink:
    """Where HiddenChecks hands the verdicts it wrote into a notebook's graded cells to a caller in the same process:
    per notebook, one verdict per graded cell. traitlets copies configuration values; a sink is never copied."""

    def __init__(self) -> None:
        self.notebooks: Dict[str, NotebookVerdict] = {}

    def put(self, notebook: str, verdict: NotebookVerdict) -> None:
        self.notebooks[notebook] = verdict

    def __deepcopy__(self, memo: Dict[int, object]) -> "VerdictSink":
        return self
