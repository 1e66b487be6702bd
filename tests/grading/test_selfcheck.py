"""Self-paced learners run a graded cell in their own kernel and get the score and feedback in place, as HTML, for
the notebook as they see it: the kernel has JupyterLab save it first (through ipylab's command registry).

The kernels are real (nbclient). `SavingFrontEnd` plays JupyterLab's part in the save: it holds the notebook as
typed, and writes it to disk when the kernel sends the Save command, as JupyterLab's document manager does; the
plain NotebookClient is a front end that cannot save (the classic notebook, VS Code)."""
import html
import re
from pathlib import Path
from typing import Any, Dict, List, Tuple

import nbformat
import pytest
from nbclient import NotebookClient

from stylekit.notebooks import exercise_answer, read_notebook
from stylekit.notebooks.schema import ROLE_GRADED, kit_metadata
from stylekit.grading.runner import CHECKS_ENV
from stylekit.grading.selfcheck import SAVE_COMMAND, SAVE_WAIT_ENV
from stylekit.progress import PROGRESS_ENV, load_progress
from stylekit.verdicts import NOT_MET
from tests.grading.pilot import ANSWER, CHECKS, SECTION, pilot_notebook, with_answer, write_pilot

STARTER = "def area(width, height):\n    raise NotImplementedError()\n"  # what the file holds until it is saved


class SavingFrontEnd(NotebookClient):
    """A front end that saves the notebook it holds when the kernel sends JupyterLab's Save command."""

    def __init__(self, notebook: Any, path: Path, **kwargs: Any) -> None:
        super().__init__(notebook, **kwargs)
        self.path = path
        self.saves = 0

    def handle_comm_msg(self, outs: List[Any], msg: Dict[str, Any], cell_index: int) -> None:
        super().handle_comm_msg(outs, msg, cell_index)
        data = msg["content"].get("data", {})
        request = data.get("content", {}) if data.get("method") == "custom" else {}
        if request.get("func") == "execute" and request.get("payload", {}).get("id") == SAVE_COMMAND:
            nbformat.write(self.nb, str(self.path))
            self.saves += 1


def _executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, on_disk: str,
              saves: bool = True) -> Tuple[Any, Path]:
    """The notebook after a learner typed `typed` into the answer cell of a notebook whose file holds `on_disk`, and
    ran every cell; and the notebook's path."""
    path = tmp_path / f"{SECTION}.ipynb"
    nbformat.write(with_answer(pilot_notebook(), on_disk), str(path))
    notebook = with_answer(pilot_notebook(), typed)
    monkeypatch.setenv(CHECKS_ENV, str(write_pilot(tmp_path)))
    # Jupyter Server tells a notebook's kernel which file it belongs to through this variable.
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))  # never the learner's own progress file
    monkeypatch.setenv(SAVE_WAIT_ENV, "5" if saves else "0.5")
    options: Dict[str, Any] = {"timeout": 120, "kernel_name": "python3", "allow_errors": True,
                               "resources": {"metadata": {"path": str(tmp_path)}}}
    client = SavingFrontEnd(notebook, path, **options) if saves else NotebookClient(notebook, **options)
    client.execute()
    return notebook, path


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, on_disk: str,
         saves: bool = True) -> Tuple[List[Dict[str, Any]], Path]:
    """The graded cell's outputs (see _executed), and the notebook's path."""
    notebook, path = _executed(tmp_path, monkeypatch, typed, on_disk, saves)
    graded = next(cell for cell in notebook.cells if kit_metadata(cell).get("role") == ROLE_GRADED)
    return graded.outputs, path


def _html(outputs: List[Dict[str, Any]]) -> str:
    return "".join(output.get("data", {}).get("text/html", "") for output in outputs)


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def test_WHEN_answer_typed_but_not_saved_THEN_saved_first_and_graded_as_typed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs, path = _run(tmp_path, monkeypatch, typed=ANSWER, on_disk=STARTER)

    recorded = load_progress().exercises["types"]["area"]
    text = _text(_html(outputs))
    expected = (True, True, (3.0, 3.0, True), True)
    actual = ("Exercise area : 3 / 3 points" in text, "Saved and checked at" in text,
              (recorded.score, recorded.max_points, recorded.done),
              ANSWER.strip() == exercise_answer(read_notebook(path), "area").strip())
    assert expected == actual, text


def test_WHEN_front_end_cannot_save_THEN_last_saved_copy_graded_and_said_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs, _ = _run(tmp_path, monkeypatch, typed=ANSWER, on_disk=STARTER, saves=False)

    text = _text(_html(outputs))
    expected = (True, True)
    actual = ("Exercise area : 0 / 3 points" in text, "could not be saved from here" in text)
    assert expected == actual, text


def test_WHEN_verdict_shown_THEN_html_with_score_checks_and_style_and_no_stray_number(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unannotated = "def area(width, height):\n    return width * height"
    outputs, _ = _run(tmp_path, monkeypatch, typed=unannotated, on_disk=STARTER)

    markup = _html(outputs)
    expected = (True, 2, True, True, [])
    actual = ("Exercise area : 2 / 3 points" in _text(markup), markup.count('class="stylekit-check stylekit-passed"'),
              "Style: 0 / 1" in _text(markup), "SK0201" in markup,
              [output for output in outputs if output.get("output_type") == "execute_result"])
    assert expected == actual, markup


def test_WHEN_answer_raises_and_a_check_fails_THEN_the_error_first_and_no_hidden_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = ("def area(width: float, height: float) -> float:\n    return int(width) * height\n\n\n"
             "raise ValueError('a slip after the function')")
    markup = _html(_run(tmp_path, monkeypatch, typed=wrong, on_disk=STARTER)[0])

    hidden_code = [line.strip() for line in CHECKS.splitlines() if line.strip().startswith(("assert", "def test_"))]
    text = _text(markup)
    expected = (True, True, [], False)
    actual = ("ValueError" in text and text.index("ValueError") < text.index("area(0.5, 4) is 2.0"),
              "✗ failed (0/1): area(0.5, 4) is 2.0" in text, [line for line in hidden_code if line in text],
              "Traceback" in text)
    assert expected == actual, markup


def test_WHEN_self_check_finds_a_style_finding_THEN_output_progress_and_rubric_give_the_same_verdict_per_pattern(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The graded cell shows the verdict per pattern and records it; the rubric cell below it, run after, shows that
    same verdict (read from the widget state the run stored in the notebook)."""
    notebook, _ = _executed(tmp_path, monkeypatch, typed="def area(width, height):\n    return width * height",
                            on_disk=STARTER)

    graded = next(cell for cell in notebook.cells if kit_metadata(cell).get("role") == ROLE_GRADED)
    markup = _html(graded.outputs)
    recorded = load_progress().exercises["types"]["area"].patterns
    states = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values()
    rubric = next(str(model["state"].get("value", "")) for model in states
                  if "stylekit-rubric-item" in str(model["state"].get("value", "")))
    expected = (True, [("types.annotations", NOT_MET, True)], (True, True))
    actual = ('data-pattern="types.annotations" data-state="not-met"' in markup
              and "✗ types.annotations : not met yet line 1: SK0201" in _text(markup),
              [(found.pattern, found.state, found.reasons[0].startswith("line 1: SK0201")) for found in recorded],
              ('data-pattern="types.annotations" data-state="not-met"' in rubric, "line 1: SK0201" in rubric))
    assert expected == actual, markup
