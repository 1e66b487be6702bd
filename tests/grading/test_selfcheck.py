"""Self-paced learners run a graded cell in their own kernel and get the score and feedback in place."""
from pathlib import Path
from typing import Any, List

import nbformat
import pytest
from nbclient import NotebookClient

from stylekit.notebooks.schema import ROLE_GRADED, kit_metadata
from stylekit.grading.runner import CHECKS_ENV
from stylekit.progress import PROGRESS_ENV, load_progress
from stylekit.verdicts import NOT_MET
from tests.grading.pilot import ANSWER, CHECKS, SECTION, pilot_notebook, with_answer, write_pilot


def _executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, solution: str) -> Any:
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
    return notebook


def _graded_cell_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, solution: str) -> List[str]:
    notebook = _executed(tmp_path, monkeypatch, solution)
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


def test_WHEN_self_check_finds_a_style_finding_THEN_output_progress_and_rubric_give_the_same_verdict_per_pattern(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The graded cell prints the verdict per pattern and records it; the rubric cell below it, run after, shows that
    same verdict (read from the widget state the run stored in the notebook)."""
    notebook = _executed(tmp_path, monkeypatch, "def area(width, height):\n    return width * height")

    graded = next(cell for cell in notebook.cells if kit_metadata(cell).get("role") == ROLE_GRADED)
    printed = "".join(output.get("text", "") for output in graded.outputs)
    recorded = load_progress().exercises["types"]["area"].patterns
    states = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values()
    rubric = next(str(model["state"].get("value", "")) for model in states
                  if "stylekit-rubric-item" in str(model["state"].get("value", "")))
    expected = (True, [("types.annotations", NOT_MET, True)], (True, True))
    actual = ("✗ types.annotations: not met yet" in printed and "line 1: SK0201" in printed,
              [(found.pattern, found.state, found.reasons[0].startswith("line 1: SK0201")) for found in recorded],
              ('data-pattern="types.annotations" data-state="not-met"' in rubric, "line 1: SK0201" in rubric))
    assert expected == actual

