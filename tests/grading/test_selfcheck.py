"""Self-paced learners run a graded cell in their own kernel and get the score and feedback in place."""
from pathlib import Path
from typing import List

import nbformat
import pytest
from nbclient import NotebookClient

from stylekit.notebooks.schema import ROLE_GRADED, kit_metadata
from stylekit.grading.runner import CHECKS_ENV
from stylekit.progress import PROGRESS_ENV, load_progress
from tests.grading.pilot import ANSWER, CHECKS, SECTION, pilot_notebook, with_answer, write_pilot


def _graded_cell_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, solution: str) -> List[str]:
    notebook = with_answer(pilot_notebook(), solution)
    path = tmp_path / f"{SECTION}.ipynb"
    nbformat.write(notebook, str(path))
    monkeypatch.setenv(CHECKS_ENV, str(write_pilot(tmp_path)))
    # Jupyter Server tells a notebook's kernel which file it belongs to through this variable.
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))  # never the learner's own progress file

    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()

    graded = next(cell for cell in notebook.cells if kit_metadata(cell).get("role") == ROLE_GRADED)
    return [output.get("text", "") or output.get("data", {}).get("text/plain", "") for output in graded.outputs]


def test_WHEN_learner_runs_graded_cell_on_good_answer_THEN_full_score_and_feedback_shown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = _graded_cell_outputs(tmp_path, monkeypatch, ANSWER)

    recorded = load_progress().exercises["types"]["area"]
    expected = (True, "3.0", (3.0, 3.0, True))
    actual = ("Exercise area: 3 / 3 points" in "".join(outputs), outputs[-1],
              (recorded.score, recorded.max_points, recorded.done))
    assert expected == actual


def test_WHEN_learner_runs_graded_cell_on_unannotated_answer_THEN_style_finding_explained(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = _graded_cell_outputs(tmp_path, monkeypatch, "def area(width, height):\n    return width * height")

    text = "".join(outputs)
    expected = (True, True, "2.0")
    actual = ("Style: 0 / 1" in text, "SK0201" in text, outputs[-1])
    assert expected == actual


def test_WHEN_check_fails_THEN_feedback_teaches_without_showing_hidden_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = "def area(width: float, height: float) -> float:\n    return int(width) * height"

    text = "".join(_graded_cell_outputs(tmp_path, monkeypatch, wrong))

    hidden_code = [line.strip() for line in CHECKS.splitlines() if line.strip().startswith(("assert", "def test_"))]
    expected = (True, [], False)
    actual = ("FAILED  area(0.5, 4) is 2.0 (0/1)" in text, [line for line in hidden_code if line in text],
              "Traceback" in text)
    assert expected == actual, text
