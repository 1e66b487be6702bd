"""A poisoned submission fails alone and says why, and the class gets its grades: in one `stylekit grade` batch, a
learner printing and raising lone surrogates, a notebook of 100,000 cells, an answer that loops forever, a folder
name that is not UTF-8 and a notebook file holding a lone surrogate's escape, beside an honest learner. Then the
time bound itself, with real nbgrader: the pool process's alarm, and the parent killing a pool process that does
not stop."""
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import nbformat
import pytest

from stylekit.class_grading import batch
from stylekit.grading.model import GradeSettings
from stylekit.grading.report import feedback_path, read_grades_csv
from stylekit.notebooks.reader import NotebookLimits, read_notebook
from tests.grading.pilot import ANSWER, NOTEBOOK, SECTION, pilot_notebook, with_answer, write_pilot

STYLEKIT = str(Path(sys.executable).parent / "stylekit")
PRINTER = ANSWER + "print('\\ud800 printed')\nraise ValueError('raised \\ud800')\n"
LOOPER = ANSWER + "while True:\n    pass\n"
GIANT_CELLS = 100_000
BAD_NAME = b"caf\xe9"  # Latin-1, as an old machine's user name might be
TIMEOUT = "8"  # seconds per notebook: the honest learner needs about 2, the looping one all of them


def _submit(root: Path, learner: str, notebook: Any) -> None:
    folder = root / "submitted" / learner / SECTION
    folder.mkdir(parents=True)
    nbformat.write(notebook, str(folder / NOTEBOOK))


def _submit_encoded(root: Path, learner: str) -> None:
    """A notebook whose file holds a lone surrogate as JSON's escape (a hand-edited file): it parses, and no UTF-8
    file can hold it again."""
    folder = root / "submitted" / learner / SECTION
    folder.mkdir(parents=True)
    notebook = json.loads(nbformat.writes(with_answer(pilot_notebook(), f"{ANSWER}# \ud800\n")))
    (folder / NOTEBOOK).write_text(json.dumps(notebook))  # ensure_ascii: written as the escape \ud800


def _submit_giant(root: Path, learner: str) -> None:
    """The pilot with 100,000 more code cells (~16 MB): written as JSON directly, nbformat would take seconds."""
    notebook = json.loads(nbformat.writes(with_answer(pilot_notebook(), ANSWER)))
    notebook["cells"] += [{"cell_type": "code", "id": f"extra-{index}", "metadata": {}, "execution_count": None,
                           "outputs": [], "source": f"x{index} = {index}"} for index in range(GIANT_CELLS)]
    folder = root / "submitted" / learner / SECTION
    folder.mkdir(parents=True)
    (folder / NOTEBOOK).write_text(json.dumps(notebook))


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    root = tmp_path_factory.mktemp("robust")
    write_pilot(root)
    _submit(root, "honest", with_answer(pilot_notebook(), ANSWER))
    _submit(root, "printer", with_answer(pilot_notebook(), PRINTER))
    _submit(root, "looper", with_answer(pilot_notebook(), LOOPER))
    _submit_giant(root, "giant")
    _submit_encoded(root, "encoded")
    bad = os.fsencode(root / "submitted") + b"/" + BAD_NAME + f"/{SECTION}".encode()
    os.makedirs(bad)
    nbformat.write(with_answer(pilot_notebook(), ANSWER), os.fsdecode(bad + f"/{NOTEBOOK}".encode()))
    completed = subprocess.run([STYLEKIT, "grade", str(root / "submitted"), "--out", str(root / "out"), "--jobs", "2",
                                "--timeout", TIMEOUT, "--source", str(root / "solutions"), "--checks",
                                str(root / "checks")], capture_output=True, text=True, timeout=600)
    return {"root": root, "out": root / "out", "completed": completed}


def _rows(out: Path) -> Dict[str, Dict[str, str]]:
    (out / "grades.csv").read_bytes().decode("utf-8")  # valid UTF-8, or this raises
    return {row["learner"]: row for row in read_grades_csv(out / "grades.csv")}


def test_WHEN_class_holds_poisoned_notebooks_THEN_each_fails_alone_with_its_reason_and_the_rest_are_graded(
        graded: Dict[str, Any]) -> None:
    rows = _rows(graded["out"])
    cells = GIANT_CELLS + len(pilot_notebook().cells)

    expected = (1, {"honest": ("graded", "3"), "printer": ("graded", "3"), "giant": ("failed", ""),
                    "looper": ("graded", "0"), "caf\\udce9": ("failed", ""), "encoded": ("failed", "")},
                (True, True, True, True))
    actual = (graded["completed"].returncode,
              {learner: (row["status"], row["score"]) for learner, row in rows.items()},
              (f"too large to grade: {cells:,} cells, over the cap of 5,000 cells" in rows["giant"]["reason"],
               "ran past its time budget" in rows["looper"]["reason"],
               "b'caf\\xe9' is not plain UTF-8" in rows["caf\\udce9"]["reason"],
               "holds text that is not valid Unicode" in rows["encoded"]["reason"]))
    assert expected == actual, graded["completed"].stderr[-3000:]


def test_WHEN_learner_prints_and_raises_lone_surrogates_THEN_every_file_is_utf8_and_shows_them_escaped(
        graded: Dict[str, Any]) -> None:
    out = graded["out"]
    page = feedback_path(out, "printer", SECTION).read_bytes().decode("utf-8")
    stored = (out / ".stylekit" / "results" / "printer" / f"{SECTION}.json").read_bytes().decode("utf-8")
    lms = [(out / f"grades-{name}.csv").read_bytes().decode("utf-8") for name in ("canvas", "moodle")]
    report = subprocess.run([STYLEKIT, "report", str(out), "--out", str(out / "class.html")], capture_output=True,
                            text=True, timeout=300)

    expected = (True, True, True, [True, True], 0, True)
    actual = ("<pre>[area]\n\\ud800 printed" in page, "raised ValueError (cell 2, line 4): raised \\ud800</li>" in page,
              "\\\\ud800 printed" in stored, ["caf\\udce9" in text for text in lms], report.returncode,
              json.dumps("caf\\udce9") in (out / "class.html").read_bytes().decode("utf-8"))  # in plotly's data
    assert expected == actual, report.stderr[-2000:]


@pytest.fixture
def giant_class(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GradeSettings:
    """The giant notebook and an honest learner, with the cell cap lifted so that nbgrader gets the giant: nbgrader
    takes ~100 s over it, so only the time bound stops it. Short limits keep the test short (all inherited by the
    pool's processes, which are forked from this one)."""
    write_pilot(tmp_path)
    _submit_giant(tmp_path, "giant")
    _submit(tmp_path, "honest", with_answer(pilot_notebook(), ANSWER))
    lifted = NotebookLimits(max_cells=10 * GIANT_CELLS)
    monkeypatch.setattr(batch, "read_notebook", lambda path: read_notebook(path, lifted))
    monkeypatch.setattr(batch, "NBGRADER_GRACE_SECONDS", 3.0, raising=False)
    # The alarm stops nbgrader between two of its Python steps; parsing 16 MB of JSON is one step of seconds under
    # load, so the parent waits long enough not to kill a pool process that is about to stop by itself.
    monkeypatch.setattr(batch, "PARENT_MARGIN_SECONDS", 20.0, raising=False)
    return GradeSettings(submitted=tmp_path / "submitted", out=tmp_path / "out", timeout=8.0,
                         checks_root=tmp_path / "checks", solutions=tmp_path / "solutions")


def test_WHEN_nbgrader_works_past_the_time_budget_THEN_the_alarm_fails_that_submission_alone(
        giant_class: GradeSettings) -> None:
    summary = batch.run(giant_class, jobs=2)

    outcome = {result.learner: (result.status, result.score) for result in summary.results}
    giant = next(result for result in summary.results if result.learner == "giant")
    expected = ({"giant": ("failed", None), "honest": ("graded", 3.0)}, True, False)
    actual = (outcome, "time limit of 11 s (8 s per notebook" in giant.reason, "killed" in giant.reason)
    assert expected == actual, giant.reason


class DeafWatchdog:
    """An alarm that never rings: as when a pool process is stuck where no alarm reaches (C code), or in code that
    swallows the alarm's exception."""

    def __init__(self, budget: float, timeout: float) -> None:
        self.rang = False

    def __enter__(self) -> "DeafWatchdog":
        return self

    def __exit__(self, *exception: Any) -> None:
        return None


def test_WHEN_pool_process_does_not_stop_at_its_budget_THEN_parent_kills_it_and_the_queue_is_graded(
        giant_class: GradeSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "Watchdog", DeafWatchdog, raising=False)
    monkeypatch.setattr(batch, "PARENT_MARGIN_SECONDS", 3.0, raising=False)

    summary = batch.run(giant_class, jobs=1)  # one process: the honest learner waits in the pool the parent breaks

    outcome = {result.learner: (result.status, result.score) for result in summary.results}
    giant = next(result for result in summary.results if result.learner == "giant")
    expected = ({"giant": ("failed", None), "honest": ("graded", 3.0)}, True, True)
    actual = (outcome, "time limit of 11 s" in giant.reason, "its grading was killed" in giant.reason)
    assert expected == actual, giant.reason
