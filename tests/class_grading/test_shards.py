"""`stylekit grade --shard K/N` on one PostgreSQL gradebook: two shards graded at once give exactly the grades of a
single run, each submission graded by one shard only."""
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import nbformat
import pytest

from stylekit.class_grading.batch import shard_of
from stylekit.grading.discovery import Submission
from stylekit.grading.report import read_grades_csv
from tests.grading.pilot import ANSWER, NOTEBOOK, SECTION, pilot_notebook, with_answer, write_pilot
from tests.grading.postgres import postgres_server

STYLEKIT = str(Path(sys.executable).parent / "stylekit")
WRONG = "def area(width: float, height: float) -> float:\n    return int(width) * height\n"
UNSTYLED = "def area(width, height):\n    return width * height\n"
ANSWERS = (ANSWER, WRONG, UNSTYLED)
LEARNERS = {f"learner{number:02d}": ANSWERS[number % len(ANSWERS)] for number in range(1, 10)}


@pytest.fixture(scope="module")
def gradebook_url() -> str:
    with postgres_server() as url:
        yield url


@pytest.fixture
def course(tmp_path: Path) -> Path:
    write_pilot(tmp_path)
    for learner, answer in LEARNERS.items():
        folder = tmp_path / "submitted" / learner / SECTION
        folder.mkdir(parents=True)
        nbformat.write(with_answer(pilot_notebook(), answer), str(folder / NOTEBOOK))
    return tmp_path


def _command(root: Path, out: str, *extra: str) -> List[str]:
    return [STYLEKIT, "grade", str(root / "submitted"), "--out", str(root / out), "--jobs", "1", "--source",
            str(root / "solutions"), "--checks", str(root / "checks"), *extra]


def _gradebook_scores(url: str) -> Dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(url) as gradebook:
        submissions = gradebook.find_assignment(SECTION).submissions
        return {submission.student.id: submission.score for submission in submissions}


def test_WHEN_two_shards_grade_at_once_into_postgres_THEN_grades_equal_a_single_run(course: Path,
                                                                                     gradebook_url: str) -> None:
    single = subprocess.run(_command(course, "single"), capture_output=True, text=True, timeout=600)
    shards = [subprocess.Popen(_command(course, f"shard{number}", "--shard", f"{number}/2", "--gradebook",
                                        gradebook_url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
              for number in (1, 2)]
    errors = [process.communicate(timeout=600)[1] for process in shards]

    single_rows = read_grades_csv(course / "single" / "grades.csv")
    expected_scores = {row["learner"]: float(row["score"]) for row in single_rows}
    graded_by = sorted(row["learner"] for number in (1, 2)
                       for row in read_grades_csv(course / f"shard{number}" / f"grades-shard-{number}-of-2.csv"))
    expected = (0, [0, 0], sorted(LEARNERS), expected_scores)
    exit_codes = [process.returncode for process in shards]
    actual = (single.returncode, exit_codes, graded_by, _gradebook_scores(gradebook_url))
    assert expected == actual, "\n".join(error[-2000:] for error in errors)


def test_WHEN_class_split_into_shards_THEN_parts_disjoint_cover_it_and_differ_by_one_at_most() -> None:
    submissions = [Submission(f"learner{number}", SECTION, Path()) for number in range(11)]

    parts = [shard_of(submissions, shard, 3) for shard in (1, 2, 3)]

    expected = (sorted(item.learner for item in submissions), [4, 4, 3])
    actual = (sorted(item.learner for part in parts for item in part), [len(part) for part in parts])
    assert expected == actual
