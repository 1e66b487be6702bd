"""The class report from a real `stylekit grade` run: its data (scores, findings per learner and rule, the most
missed checks with their messages, findings that persist after a resubmission, progress), the figures drawn from
exactly that data, and the page itself, opened in chromium."""
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import nbformat
import pytest

from stylekit.analytics.class_data import ClassData, class_data
from stylekit.analytics.dashboard import figures
from stylekit.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.grading.pilot import (
    ANSWER,
    NOTEBOOK,
    SECTION,
    pilot_notebook,
    with_answer,
    write_pilot,
)

STYLEKIT = str(Path(sys.executable).parent / "stylekit")
WRONG = "def area(width: float, height: float) -> float:\n    return int(width) * height\n"
UNSTYLED = "def area(width, height):\n    return width * height\n"
RESUBMITTED = "def area(width, height):\n    result = width * height\n    return result\n"  # still unannotated
ANSWERS = {"ada": ANSWER, "bo": WRONG, "cy": UNSTYLED}


def _submit(root: Path, learner: str, answer: str) -> None:
    folder = root / "submitted" / learner / SECTION
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(with_answer(pilot_notebook(), answer), str(folder / NOTEBOOK))


def _grade(root: Path) -> None:
    completed = subprocess.run([STYLEKIT, "grade", str(root / "submitted"), "--out", str(root / "out"), "--source",
                                str(root / "solutions"), "--checks", str(root / "checks")], capture_output=True,
                               text=True, timeout=600)
    assert 0 == completed.returncode, completed.stderr[-2000:]


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    root = tmp_path_factory.mktemp("class")
    write_pilot(root)
    for learner, answer in ANSWERS.items():
        _submit(root, learner, answer)
    _grade(root)
    _submit(root, "cy", RESUBMITTED)  # cy resubmits, and still writes no annotations
    _grade(root)
    return {"root": root, "data": class_data(root / "out")}


def test_WHEN_class_read_THEN_scores_findings_and_progress_are_the_grades(graded: Dict[str, Any]) -> None:
    data: ClassData = graded["data"]

    expected = ([0.333, 0.667, 1.0], {"ada": {}, "bo": {}, "cy": {"SK0201": 1}},
                {"ada": {SECTION: 1.0}, "bo": {SECTION: 0.333}, "cy": {SECTION: 0.667}})
    actual = (sorted(round(score, 3) for score in data.scores[SECTION]), data.findings,
              {learner: {section: round(share or 0.0, 3) for section, share in row.items()}
               for learner, row in data.progress.items()})
    assert expected == actual


def test_WHEN_checks_missed_THEN_listed_with_the_message_that_teaches(graded: Dict[str, Any]) -> None:
    data: ClassData = graded["data"]

    expected = [("test_WHEN_fractional_side_THEN_area", "area(0.5, 4) is 2.0", 1, 3)]
    actual = [(check.name, check.expect, check.missed, check.ran) for check in data.missed_checks]
    assert expected == actual


def test_WHEN_learner_resubmits_with_the_same_slip_THEN_its_rule_persists(graded: Dict[str, Any]) -> None:
    assert {"SK0201": 1} == graded["data"].persistent


def test_WHEN_figures_drawn_THEN_each_shows_exactly_the_class_data(graded: Dict[str, Any]) -> None:
    data: ClassData = graded["data"]
    scores, findings, missed, persistent, progress = figures(data)

    expected = ([33.33, 66.67, 100.0], [[0], [0], [1]], [33.33], (["SK0201"], [1]), [[100.0], [33.33], [66.67]])
    actual = (sorted(round(value, 2) for value in scores.data[0].y), [list(row) for row in findings.data[0].z],
              [round(value, 2) for value in missed.data[0].x], (list(persistent.data[0].x), list(persistent.data[0].y)),
              [[round(value, 2) for value in row] for row in progress.data[0].z])
    assert expected == actual


def test_WHEN_report_opened_in_chromium_THEN_five_figures_and_the_teaching_table_show(
        graded: Dict[str, Any], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    page_path = tmp_path / "report.html"
    written = subprocess.run([STYLEKIT, "report", str(graded["root"] / "out"), "--out", str(page_path)],
                             capture_output=True, text=True, timeout=120)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        shown = (page.locator(".js-plotly-plot").count(), page.locator("table.missed tbody tr").count(),
                 page.locator("table.missed").inner_text())
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()

    expected = (0, 5, 1, True)
    actual = (written.returncode, shown[0], shown[1], "area(0.5, 4) is 2.0" in shown[2])
    assert expected == actual


def test_WHEN_folder_has_no_results_THEN_usage_error(tmp_path: Path) -> None:
    completed = subprocess.run([STYLEKIT, "report", str(tmp_path)], capture_output=True, text=True, timeout=60)

    expected = (2, True)
    actual = (completed.returncode, "holds no graded results" in completed.stderr)
    assert expected == actual


def test_WHEN_a_learners_code_raised_THEN_named_first_on_the_report(tmp_path: Path) -> None:
    from stylekit.analytics.dashboard import render
    from stylekit.grading.model import ExerciseVerdict, NotebookVerdict, SubmissionResult
    from stylekit.grading.store import ResultStore

    problem = "exercise area: Your code raised ValueError (cell 4, line 2): no rectangles <today>"
    verdict = NotebookVerdict(exercises={"area": ExerciseVerdict("area", 3.0)}, problems=[problem])
    ResultStore(tmp_path).save(SubmissionResult("dee", SECTION, "graded", 0.0, 3.0, notebooks={SECTION: verdict}))

    data = class_data(tmp_path)
    page = render(data, "Class report")
    expected = ([["dee", SECTION, problem]], True)
    actual = (data.load_problems, page.index("no rectangles &lt;today&gt;") < page.index('class="figure"'))
    assert expected == actual
