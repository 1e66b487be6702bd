"""`check_exercise("...")`: what a graded cell calls, so a self-paced learner can check their work in place.

It grades the exercise in the notebook as last saved exactly as the course grader would: the same judge, outside the
kernel, with the exercise's code in a subject process of its own (so another exercise's loop or error costs nothing
here), and shows the score and feedback. Under nbgrader's autograding it does nothing: the HiddenChecks preprocessor
grades.
"""
import logging
import os
import time
from pathlib import Path
from typing import Optional

from stylekit.grading.containment import ContainmentMode, probe
from stylekit.grading.feedback import render
from stylekit.grading.pattern_verdicts import exercise_pattern_verdicts, render_pattern_verdicts
from stylekit.grading.runner import grade_notebook
from stylekit.notebooks import notebook_section, read_notebook
from stylekit.progress import record

logger = logging.getLogger(__name__)


class NotebookNotFound(Exception):
    def __init__(self) -> None:
        super().__init__("Cannot tell which notebook this is; run the check from the exercise notebook in JupyterLab")


def current_notebook() -> Path:
    """The notebook file of the running kernel, as Jupyter Server tells the kernel."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        session = shell.user_ns.get("__session__") if shell is not None else None
    except ImportError:
        session = None
    session = session or os.environ.get("JPY_SESSION_NAME")
    if not session:
        raise NotebookNotFound()
    # Jupyter Server gives an absolute path when the client names the file (JupyterLab does), otherwise a
    # path relative to its root; the kernel runs in the notebook's folder, so the bare name finds it then.
    for candidate in (Path(session), Path.cwd() / Path(session).name):
        if candidate.is_file():
            return candidate
    raise NotebookNotFound()


def check_exercise(exercise: str) -> Optional[float]:
    if os.environ.get("NBGRADER_EXECUTION"):
        return None  # graded outside the learner's kernel, by the HiddenChecks preprocessor
    notebook = current_notebook()
    saved = time.strftime("%H:%M:%S", time.localtime(notebook.stat().st_mtime))
    # On a learner's own machine the checks sit in the kit's folder anyway: no namespaces (no root) is no news there,
    # so a self-check uses them when it can and says nothing when it cannot.
    graded = grade_notebook(notebook, containment=ContainmentMode.AUTO if probe().namespaces
                            else ContainmentMode.AUDIT_ONLY, exercises=[exercise])
    verdict = graded.exercises.get(exercise)
    if graded.failure is not None:
        print(f"The notebook could not be checked: {graded.failure}")
        return None
    if verdict is None:
        print(f"This notebook has no graded exercise called '{exercise}'.")
        return None
    print(f"Checked the notebook as saved at {saved} (save first to check your latest edits).")
    print(render(verdict))
    graded_notebook = read_notebook(notebook)
    patterns = exercise_pattern_verdicts(graded_notebook, verdict)
    print(render_pattern_verdicts(patterns))
    findings = len(verdict.style.findings) if verdict.style else 0
    record(notebook_section(graded_notebook), exercise, verdict.score, verdict.max_points, findings, patterns)
    return verdict.score

