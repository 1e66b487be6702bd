"""The trusted side of grading: start a worker on a notebook file, wait at most the timeout, read its verdicts."""
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, Optional

import nbformat

from stylekit.course import REPO_ROOT
from stylekit.grading.cells import graded_exercises
from stylekit.grading.model import ExerciseVerdict

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 60.0  # per notebook; nbgrader's own limit is 30 s per cell
CHECKS_ENV = "STYLEKIT_CHECKS"  # where the hidden checks are, when not in the repository's autograder/checks


def default_checks_root() -> Path:
    configured = os.environ.get(CHECKS_ENV)
    if configured:
        return Path(configured)
    return REPO_ROOT / "autograder" / "checks"


def grade_notebook(notebook_path: Path, checks_root: Optional[Path] = None, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                   workdir: Optional[Path] = None) -> Dict[str, ExerciseVerdict]:
    """Verdicts for every graded exercise of the notebook, computed in a fresh worker process.

    The worker runs in `workdir` (default: the notebook's folder), so modules given beside the notebook
    import as they do in the learner's kernel.

    A notebook the worker cannot grade (it timed out, died or wrote nothing) gets a verdict with an error
    for each of its exercises, never a silent zero.
    """
    checks_root = checks_root or default_checks_root()
    with tempfile.TemporaryDirectory(prefix="stylekit-grade-") as folder:
        request, result = Path(folder) / "request.json", Path(folder) / "result.json"
        request.write_text(json.dumps({"notebook": str(Path(notebook_path).resolve()),
                                       "checks_root": str(checks_root.resolve())}))
        command = [sys.executable, "-m", "stylekit.grading.worker", str(request), str(result)]
        try:
            completed = subprocess.run(command, capture_output=True, timeout=timeout,
                                       cwd=workdir or Path(notebook_path).resolve().parent)
        except subprocess.TimeoutExpired:
            return _failed(notebook_path, f"Grading stopped after {timeout:g} s: the code may loop forever")
        if not result.is_file():
            logger.warning(f"Worker for {notebook_path} exited {completed.returncode}: "
                           f"{completed.stderr.decode(errors='replace')[-2000:]}")
            return _failed(notebook_path, f"The notebook could not be graded (the grader exited with code "
                                          f"{completed.returncode} before giving a verdict)")
        raw = json.loads(result.read_text())
    return {name: ExerciseVerdict.from_dict(item) for name, item in raw.items()}


def _failed(notebook_path: Path, reason: str) -> Dict[str, ExerciseVerdict]:
    notebook = nbformat.read(str(notebook_path), as_version=4)
    return {spec.exercise: ExerciseVerdict(exercise=spec.exercise, max_points=spec.points, error=reason)
            for _, spec in graded_exercises(notebook)}
