"""`stylekit grade` as an instructor runs it: killed half way it resumes without losing or duplicating a grade,
a re-run changes nothing and grades nothing, a changed submission is graded again, bad input is refused."""
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import nbformat
import pytest

from stylekit.grading.report import read_grades_csv
from tests.grading.pilot import ANSWER, NOTEBOOK, SECTION, pilot_notebook, with_answer, write_pilot

STYLEKIT = str(Path(sys.executable).parent / "stylekit")
WRONG = "def area(width: float, height: float) -> float:\n    return int(width) * height\n"
LEARNERS = {f"learner{number}": (ANSWER, 3.0) if number % 2 else (WRONG, 1.0) for number in range(1, 7)}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    checks = write_pilot(tmp_path)
    assert checks == tmp_path / "checks"
    for learner, (answer, _) in LEARNERS.items():
        folder = tmp_path / "submitted" / learner / SECTION
        folder.mkdir(parents=True)
        nbformat.write(with_answer(pilot_notebook(), answer), str(folder / NOTEBOOK))
    return tmp_path


def _command(root: Path) -> List[str]:
    return [STYLEKIT, "grade", str(root / "submitted"), "--out", str(root / "out"), "--jobs", "2",
            "--source", str(root / "solutions"), "--checks", str(root / "checks")]


def _grade(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_command(root), capture_output=True, text=True, timeout=600)


def _counts(completed: subprocess.CompletedProcess) -> Dict[str, int]:
    match = re.search(r"\((\d+) graded now, (\d+) unchanged", completed.stderr)
    assert match, completed.stderr[-2000:]
    return {"graded_now": int(match.group(1)), "reused": int(match.group(2))}


def _rows(root: Path) -> List[Dict[str, str]]:
    return read_grades_csv(root / "out" / "grades.csv")


def _gradebook_scores(root: Path) -> Dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'out' / 'gradebook.db'}") as gradebook:
        return {submission.student.id: submission.score
                for submission in gradebook.find_assignment(SECTION).submissions}


def test_WHEN_killed_half_way_THEN_rerun_finishes_without_losing_or_duplicating(course: Path) -> None:
    process = subprocess.Popen(_command(course), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    results = course / "out" / ".stylekit" / "results"
    deadline = time.monotonic() + 300
    while len(list(results.rglob("*.json"))) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished_before_kill = len(list(results.rglob("*.json")))

    rerun = _grade(course)

    expected_scores = {learner: score for learner, (_, score) in LEARNERS.items()}
    expected = (True, 6, expected_scores, expected_scores)
    actual = (_counts(rerun)["reused"] >= finished_before_kill >= 2, _counts(rerun)["graded_now"]
              + _counts(rerun)["reused"], {row["learner"]: float(row["score"]) for row in _rows(course)},
              _gradebook_scores(course))
    assert expected == actual


def test_WHEN_run_again_unchanged_THEN_nothing_graded_and_same_csv(course: Path) -> None:
    first = _grade(course)
    csv_before = (course / "out" / "grades.csv").read_bytes()

    second = _grade(course)

    expected = ({"graded_now": 6, "reused": 0}, {"graded_now": 0, "reused": 6}, csv_before)
    actual = (_counts(first), _counts(second), (course / "out" / "grades.csv").read_bytes())
    assert expected == actual


def test_WHEN_one_submission_changed_THEN_only_it_graded_again(course: Path) -> None:
    _grade(course)
    nbformat.write(with_answer(pilot_notebook(), ANSWER), str(course / "submitted" / "learner2" / SECTION / NOTEBOOK))

    rerun = _grade(course)

    expected = ({"graded_now": 1, "reused": 5}, "3")
    actual = (_counts(rerun), next(row["score"] for row in _rows(course) if row["learner"] == "learner2"))
    assert expected == actual


def test_WHEN_graded_THEN_progress_shows_bar_count_and_eta(course: Path) -> None:
    completed = _grade(course)

    lines = [line for line in completed.stderr.splitlines() if line.startswith("[")]
    expected = (6, True, True)
    actual = (len(lines), lines[-1].startswith("[########################] 6/6"), all("ETA" in line for line in lines))
    assert expected == actual


def test_WHEN_submitted_folder_missing_THEN_usage_error(tmp_path: Path) -> None:
    completed = subprocess.run([STYLEKIT, "grade", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")],
                               capture_output=True, text=True, timeout=120)

    expected = (2, True)
    actual = (completed.returncode, "is not a folder of submissions (it does not exist)" in completed.stderr)
    assert expected == actual


def test_WHEN_notebooks_not_two_folders_deep_THEN_usage_error(tmp_path: Path) -> None:
    (tmp_path / "submitted").mkdir()
    nbformat.write(pilot_notebook(), str(tmp_path / "submitted" / NOTEBOOK))

    completed = subprocess.run([STYLEKIT, "grade", str(tmp_path / "submitted"), "--out", str(tmp_path / "out")],
                               capture_output=True, text=True, timeout=120)

    expected = (2, True)
    actual = (completed.returncode, "not two folders deep" in completed.stderr)
    assert expected == actual


def test_WHEN_assignment_unknown_THEN_failed_with_reason(course: Path) -> None:
    folder = course / "submitted" / "learner1" / "07_dependencies"
    folder.mkdir(parents=True)
    nbformat.write(pilot_notebook(), str(folder / "07_dependencies.ipynb"))

    completed = _grade(course)

    row = next(row for row in _rows(course) if row["assignment"] == "07_dependencies")
    expected = (1, "failed", "", "the course has no assignment called 07_dependencies")
    actual = (completed.returncode, row["status"], row["score"], row["reason"])
    assert expected == actual


def _pool_processes(parent: int) -> List[int]:
    """The grading pool's processes: children of the `stylekit grade` process forked by multiprocessing (so their
    command line is its own)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        if f"\nPPid:\t{parent}\n" in status and " grade " in command:
            found.append(int(entry.name))
    return found


def test_WHEN_pool_process_killed_THEN_batch_still_grades_everyone(course: Path) -> None:
    process = subprocess.Popen(_command(course), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    results = course / "out" / ".stylekit" / "results"
    deadline = time.monotonic() + 300
    while not list(results.rglob("*.json")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    victims = _pool_processes(process.pid)
    os.kill(victims[0], signal.SIGKILL)

    _, stderr = process.communicate(timeout=600)

    expected = (0, {learner: str(int(score)) for learner, (_, score) in LEARNERS.items()})
    actual = (process.returncode, {row["learner"]: row["score"] for row in _rows(course)})
    assert expected == actual, stderr[-2000:]


def test_WHEN_class_graded_THEN_canvas_and_moodle_files_hold_the_same_grades(course: Path) -> None:
    completed = _grade(course)
    out = course / "out"
    canvas = (out / "grades-canvas.csv").read_text().splitlines()
    moodle = (out / "grades-moodle.csv").read_text().splitlines()

    scores = {learner: f"{score:g}" for learner, (_, score) in LEARNERS.items()}
    canvas_rows = [f"{learner},,,{learner},,{scores[learner]}" for learner in sorted(scores)]
    expected = (0, ["Student,ID,SIS User ID,SIS Login ID,Section,stylekit 02_type_system",
                    "    Points Possible,,,,,3", *canvas_rows],
                ["Username,stylekit 02_type_system"] + [f"{learner},{scores[learner]}" for learner in sorted(scores)])
    actual = (completed.returncode, canvas, moodle)
    assert expected == actual
