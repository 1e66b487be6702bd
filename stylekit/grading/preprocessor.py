"""The nbgrader preprocessor that puts the kit's verdicts into the graded cells, after Execute.

nbgrader scores a graded code cell from its outputs (the first number it returns; any error or stderr
output before it scores 0; no output at all is full credit). So every graded cell gets its outputs replaced:
with the verdict the worker computed in a fresh process, or with a zero and the reason. Nothing the learner's
kernel printed there, and no metadata the learner could edit, decides a score: the kit's metadata is taken
from the instructor's source notebook, matched by nbgrader's grade ids.
"""
import copy
import json
import logging
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import nbformat
from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Integer, Unicode

from stylekit.files import write_atomically
from stylekit.curriculum.cells import graded_exercises, kit_metadata
from stylekit.grading.containment import ContainmentMode
from stylekit.grading.feedback import render
from stylekit.grading.model import ExerciseVerdict, NotebookVerdict
from stylekit.grading.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, grade_notebook

logger = logging.getLogger(__name__)


def verdicts_folder(directory: Path, student: str, assignment: str) -> Path:
    """Where HiddenChecks keeps one submission's verdicts when asked to (`stylekit grade` reads them there)."""
    return directory / student / assignment


def verdict_path(directory: Path, student: str, assignment: str, notebook: str) -> Path:
    return verdicts_folder(directory, student, assignment) / f"{notebook}.json"


def verdict_outputs(verdict: ExerciseVerdict) -> list:
    return [new_output("stream", name="stdout", text=f"{render(verdict)}\n"),
            new_output("execute_result", data={"text/plain": repr(verdict.score)}, execution_count=None)]


def _grade_id(cell: Any) -> Optional[str]:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_graded_code(cell: Any) -> bool:
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(nbgrader.get("grade")) and not nbgrader.get("solution")


def restore_kit_metadata(submitted: Any, source: Any) -> Any:
    """A copy of the submission whose kit metadata (notebook and cells) is the source notebook's."""
    trusted = copy.deepcopy(submitted)
    trusted.metadata["stylekit"] = copy.deepcopy(source.metadata.get("stylekit", {}))
    by_grade_id = {_grade_id(cell): kit_metadata(cell) for cell in source.cells if _grade_id(cell)}
    # Cells nbgrader does not track (visible checks, widgets) are matched by their stable cell ids.
    by_cell_id = {cell.get("id"): kit_metadata(cell) for cell in source.cells if cell.get("id") and kit_metadata(cell)}
    for cell in trusted.cells:
        grade_id = _grade_id(cell)
        if grade_id in by_grade_id:
            cell.metadata["stylekit"] = copy.deepcopy(by_grade_id[grade_id])
        elif cell.get("id") in by_cell_id:
            cell.metadata["stylekit"] = copy.deepcopy(by_cell_id[cell.get("id")])
        else:
            cell.metadata.pop("stylekit", None)  # only the instructor's cells carry the kit's roles
    return trusted


class HiddenChecks(NbGraderPreprocessor):
    """Derived from nbgrader's base, which is enabled by default: a plain nbconvert Preprocessor is not, and
    nbconvert silently skips a disabled one, which would leave the graded cells empty, i.e. full marks."""

    timeout = Float(DEFAULT_TIMEOUT_SECONDS, help="Seconds the hidden checks of one notebook may take").tag(
        config=True)
    memory_mb = Integer(DEFAULT_MEMORY_MB, help="Address space of one grading process, in MiB").tag(config=True)
    containment = Unicode(ContainmentMode.AUTO.value,
                          help="How learner code is contained: auto (Linux namespaces where the machine offers "
                               "them), namespaces (or refuse to grade), audit-only").tag(config=True)
    verdicts_directory = Unicode("", help="If set, each notebook's verdicts are also written here, as "
                                          "<student>/<assignment>/<notebook>.json, for `stylekit grade`").tag(
        config=True)

    def _source_root(self) -> Path:
        course = self.config.get("CourseDirectory", {})
        return Path(course.get("root", ".")) / course.get("source_directory", "source")

    def _source_notebook(self, resources: Dict[str, Any]) -> Optional[Any]:
        info = resources.get("nbgrader", {})
        path = self._source_root() / str(info.get("assignment", "")) / f"{info.get('notebook', '')}.ipynb"
        if not path.is_file():
            logger.warning(f"No source notebook at {path}: trusting the submission's own kit metadata")
            return None
        return nbformat.read(str(path), as_version=4)

    def preprocess(self, nb: Any, resources: Dict[str, Any]) -> Tuple[Any, Dict[str, Any]]:
        source = self._source_notebook(resources)
        trusted = restore_kit_metadata(nb, source) if source is not None else nb
        with tempfile.TemporaryDirectory(prefix="stylekit-autograde-") as folder:
            path = Path(folder) / "submission.ipynb"
            nbformat.write(trusted, str(path))
            # nbgrader runs the notebook in its autograded folder, beside the section's given modules.
            workdir = resources.get("metadata", {}).get("path") or None
            graded = grade_notebook(path, timeout=self.timeout, workdir=Path(workdir) if workdir else None,
                                    memory_mb=self.memory_mb, references_root=self._source_root(),
                                    containment=ContainmentMode(self.containment))
        self._keep(graded, resources)
        verdicts = graded.exercises if graded.failure is None else {}
        exercises = {index: spec for index, spec in graded_exercises(trusted)}
        for index, cell in enumerate(nb.cells):
            if not _is_graded_code(cell):
                continue
            spec = exercises.get(index)
            points = float(cell.metadata["nbgrader"].get("points", 0))
            verdict = verdicts.get(spec.exercise) if spec else None
            if verdict is None:
                verdict = ExerciseVerdict(exercise=spec.exercise if spec else str(_grade_id(cell)), max_points=points,
                                          error=graded.failure or "This graded cell is not one the course knows, "
                                                                  "so it cannot be graded")
            cell.outputs = verdict_outputs(verdict)
        return nb, resources

    def _keep(self, graded: NotebookVerdict, resources: Dict[str, Any]) -> None:
        if not self.verdicts_directory:
            return
        info = resources.get("nbgrader", {})
        path = verdict_path(Path(self.verdicts_directory), str(info.get("student")), str(info.get("assignment")),
                            str(info.get("notebook")))
        write_atomically(path, json.dumps(graded.to_dict()))
