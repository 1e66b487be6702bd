"""The classroom end to end on a real JupyterHub on 127.0.0.1: one instructor, two learners, one section.

The instructor makes the course (`stylekit course init`, `stylekit course hub`) and runs nbgrader's and the kit's
commands in the course folder; each learner works only in JupyterLab in chromium, through the hub: logs in,
fetches the assignment from nbgrader's Assignments panel, saves work, runs a self-check cell, submits, and after
grading fetches the feedback. Screenshots of every learner step land in artifacts/hub/.

ada hands in the model answers, bo every exercise's "wrong" variant: both scores are known from the section's
source, and must come out exactly, in the kit's results, in nbgrader's feedback each learner fetched, and in the
self-check each saw. No line that only the hidden checks hold may reach any learner's files.
"""
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List

import nbformat
import pytest
from playwright.sync_api import Page, sync_playwright

from stylekit.notebooks.schema import with_answers
from stylekit.curriculum.source import SectionSource, load_section
from stylekit.patterns import load_catalogue
from stylekit.server_extension import NODELAY_LOG
from tests.browser.lab import ARTIFACTS, chromium
from tests.conftest import REPO_ROOT
from tests.jupyter import free_port, isolated_jupyter_env
from tests.jupyterhub_interactions.hub import RunningHub, running_hub

BIN = Path(sys.executable).parent
SECTION = "02_type_system"
NOTEBOOK = f"{SECTION}.ipynb"
INSTRUCTOR = "ines"
SHOTS = ARTIFACTS / "hub"


@dataclass
class Classroom:
    """What the run saw, for the tests to judge."""

    source: SectionSource
    course: Path
    homes: Path
    expected: Dict[str, float]
    self_checks: Dict[str, str] = field(default_factory=dict)
    panels_after_submit: Dict[str, str] = field(default_factory=dict)
    feedback_pages: Dict[str, List[Path]] = field(default_factory=dict)
    results: Dict[str, Dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0
    hub_log: str = ""


def _answers(source: SectionSource, learner: str) -> Dict[str, str]:
    if learner == "ada":
        return {exercise.id: exercise.model_answer() for exercise in source.exercises}
    return {exercise.id: exercise.variants["wrong"].source for exercise in source.exercises
            if "wrong" in exercise.variants}


def _expected_total(source: SectionSource, learner: str) -> float:
    if learner == "ada":
        return sum(exercise.points for exercise in source.exercises)
    return sum(exercise.variants["wrong"].score for exercise in source.exercises if "wrong" in exercise.variants)


def _instructor(command: List[str], course: Path, jupyter_dirs: Path) -> str:
    """One of the instructor's commands, run in the course folder; its output, or the test fails with it."""
    env = isolated_jupyter_env(jupyter_dirs)
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    completed = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=900)
    assert 0 == completed.returncode, f"{command}: {completed.stdout[-2000:]}{completed.stderr[-4000:]}"
    return completed.stdout + completed.stderr


def _shot(page: Page, learner: str, step: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{learner}-{step}.png"))


def _log_in(page: Page, hub: RunningHub, learner: str, password: str) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", learner)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.locator(".jp-Launcher").wait_for()  # the hub spawned the learner's JupyterLab, which has loaded
    _shot(page, learner, "1-lab")


def _assignments_panel(page: Page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for()
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    page.locator("#released_assignments_list_loading").wait_for(state="hidden")


def _fetch(page: Page, learner: str) -> None:
    _assignments_panel(page)
    released = page.locator("#released_assignments_list .list_item", has_text=SECTION)
    released.locator("button", has_text="Fetch").click()
    page.locator("#fetched_assignments_list .list_item", has_text=SECTION).first.wait_for()
    _shot(page, learner, "2-fetched")


def _save_work(page: Page, hub: RunningHub, learner: str, notebook: nbformat.NotebookNode) -> None:
    """The learner's answers saved through their own JupyterLab's contents API, from their browser session."""
    url = f"{hub.url}/user/{learner}/api/contents/{SECTION}/{NOTEBOOK}"
    status = page.evaluate("""async ([url, content]) => {
        const xsrf = document.cookie.split('; ').find(item => item.startsWith('_xsrf='));
        const response = await fetch(url, {method: 'PUT', headers: {'Content-Type': 'application/json',
            'X-XSRFToken': xsrf ? decodeURIComponent(xsrf.slice(6)) : ''},
            body: JSON.stringify({type: 'notebook', format: 'json', content})});
        return response.status;
    }""", [url, json.loads(nbformat.writes(notebook))])
    assert 200 == status


def _self_check(page: Page, hub: RunningHub, learner: str, notebook: nbformat.NotebookNode, exercise: str) -> str:
    """Open the notebook in JupyterLab, run the exercise's self-check cell, and return what it printed."""
    index = next(number for number, cell in enumerate(notebook.cells)
                 if cell.cell_type == "code" and f'check_exercise("{exercise}")' in cell.source)
    with page.expect_websocket(lambda socket: "/api/kernels/" in socket.url):
        page.goto(f"{hub.url}/user/{learner}/lab/tree/{SECTION}/{NOTEBOOK}")
    page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output", has_text=f"Exercise {exercise}:")
    output.wait_for()
    output.scroll_into_view_if_needed()
    _shot(page, learner, "3-self-check")
    return output.inner_text()


def _submit(page: Page, learner: str) -> str:
    _assignments_panel(page)
    fetched = page.locator("#fetched_assignments_list .list_item", has_text=SECTION).first
    fetched.locator("button", has_text="Submit").click()
    page.locator("#submitted_assignments_list .list_item", has_text=SECTION).first.wait_for()
    _shot(page, learner, "4-submitted")
    return page.locator("#submitted_assignments_list").inner_text()


def _fetch_feedback(page: Page, hub: RunningHub, learner: str, home: Path) -> List[Path]:
    page.goto(f"{hub.url}/user/{learner}/lab")  # reloaded, the panel lists the feedback released meanwhile
    _assignments_panel(page)
    submitted = page.locator("#submitted_assignments_list .list_item", has_text=SECTION).first
    submitted.locator("button", has_text="Fetch Feedback").click()
    feedback_folder = home / SECTION / "feedback"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(feedback_folder.glob("*/*.html")):
        time.sleep(0.5)
    pages = sorted(feedback_folder.glob("*/*.html"))
    if pages:
        relative = pages[0].relative_to(home)
        page.goto(f"{hub.url}/user/{learner}/lab/tree/{relative}")
        page.locator(".jp-HTMLViewer iframe").wait_for()
        page.frame_locator(".jp-HTMLViewer iframe").locator("p.total").wait_for()
        _shot(page, learner, "5-feedback")
    return pages


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Classroom]:
    started = time.monotonic()
    shutil.rmtree(SHOTS, ignore_errors=True)  # only this run's screenshots are left as its artifacts
    root = tmp_path_factory.mktemp("classroom")
    course, jupyter_dirs = root / "course", root / "instructor-jupyter"
    source = load_section(REPO_ROOT, load_catalogue().section(SECTION))
    learners = ("ada", "bo")
    run = Classroom(source=source, course=course, homes=root / "homes",
                    expected={learner: _expected_total(source, learner) for learner in learners})
    port, password = free_port(), secrets.token_urlsafe(12)
    _instructor([str(BIN / "stylekit"), "course", "init", str(course), "--sections", SECTION], root, jupyter_dirs)
    _instructor([str(BIN / "stylekit"), "course", "hub", str(course), "--learners", ",".join(learners),
                 "--instructors", INSTRUCTOR, "--port", str(port), "--hub-port", str(free_port()),
                 "--proxy-api-port", str(free_port()), "--homes", str(run.homes)], course, jupyter_dirs)
    _instructor([str(BIN / "nbgrader"), "release_assignment", SECTION], course, jupyter_dirs)
    with running_hub(course / "hub" / "jupyterhub_config.py", port, password, root / "hub-jupyter") as hub, \
            sync_playwright() as playwright:
        pages: Dict[str, Page] = {}
        browsers = ExitStack()
        try:
            for learner in learners:
                context = browsers.enter_context(chromium(playwright, root / f"chromium-{learner}"))
                page = pages[learner] = context.new_page()
                _log_in(page, hub, learner, password)
                _fetch(page, learner)
                fetched = nbformat.read(str(run.homes / learner / SECTION / NOTEBOOK), as_version=4)
                work = with_answers(fetched, _answers(source, learner))
                _save_work(page, hub, learner, work)
                run.self_checks[learner] = _self_check(page, hub, learner, work, source.exercises[0].id)
                run.panels_after_submit[learner] = _submit(page, learner)
            _instructor([str(BIN / "nbgrader"), "collect", SECTION], course, jupyter_dirs)
            _instructor([str(BIN / "stylekit"), "grade", "submitted", "--out", "graded", "--source", "source",
                         "--checks", "autograder/checks"], course, jupyter_dirs)
            _instructor([str(BIN / "stylekit"), "course", "feedback", "."], course, jupyter_dirs)
            _instructor([str(BIN / "nbgrader"), "release_feedback", SECTION], course, jupyter_dirs)
            for learner in learners:
                run.feedback_pages[learner] = _fetch_feedback(pages[learner], hub, learner, run.homes / learner)
            run.hub_log = hub.log()
        except Exception:
            for learner, page in pages.items():
                _shot(page, learner, "failure")
            print(f"JupyterHub's log:\n{hub.log()[-6000:]}")
            raise
        finally:
            browsers.close()
    for learner in learners:
        record = json.loads((course / "graded" / ".stylekit" / "results" / learner / f"{SECTION}.json").read_text())
        run.results[learner] = {exercise: verdict["score"]
                                for exercise, verdict in record["notebooks"][SECTION]["exercises"].items()}
    run.seconds = time.monotonic() - started
    print(f"classroom end to end: {run.seconds:.1f} s")
    yield run
    shutil.rmtree(run.homes, ignore_errors=True)


def test_WHEN_class_graded_THEN_each_learner_earns_exactly_the_known_score(classroom: Classroom) -> None:
    expected = {"ada": classroom.expected["ada"], "bo": classroom.expected["bo"]}
    actual = {learner: sum(scores.values()) for learner, scores in classroom.results.items()}
    assert expected == actual
    assert 0 < actual["bo"] < actual["ada"]


def test_WHEN_learner_self_checks_in_lab_THEN_the_cell_shows_the_exercise_score(classroom: Classroom) -> None:
    exercise = classroom.source.exercises[0]
    wrong = exercise.variants["wrong"].score
    expected = {"ada": f"Exercise {exercise.id}: {exercise.points:g} / {exercise.points:g} points",
                "bo": f"Exercise {exercise.id}: {wrong:g} / {exercise.points:g} points"}
    actual = {learner: next(line for line in text.splitlines() if line.startswith("Exercise ")).strip()
              for learner, text in classroom.self_checks.items()}
    assert expected == actual


def test_WHEN_learner_submits_THEN_the_submission_is_filed_under_their_hub_user(classroom: Classroom) -> None:
    inbound = sorted(path.name.split("+")[0] for path in (classroom.course / "submitted").iterdir())

    expected = (["ada", "bo"], {"ada": True, "bo": True})
    actual = (inbound, {learner: SECTION in panel for learner, panel in classroom.panels_after_submit.items()})
    assert expected == actual


def test_WHEN_feedback_released_THEN_each_learner_fetched_a_page_with_their_score(classroom: Classroom) -> None:
    maximum = classroom.expected["ada"]
    expected = {learner: [f"Score: {classroom.expected[learner]:g} / {maximum:g}"] for learner in ("ada", "bo")}
    actual = {learner: [line.split(">", 1)[1].split("<", 1)[0] for page in pages
                        for line in page.read_text().splitlines() if 'class="total"' in line]
              for learner, pages in classroom.feedback_pages.items()}
    assert expected == actual


def test_WHEN_class_run_on_the_hub_THEN_no_hidden_check_line_reaches_a_learner(classroom: Classroom) -> None:
    secrets_only_checks = [line.strip() for check in (classroom.course / "autograder" / "checks" / SECTION).glob("*.py")
                           for line in check.read_text().splitlines()
                           if line.strip().startswith(("assert ", "def test_"))]
    leaks = [(str(path.relative_to(classroom.homes)), line)
             for path in classroom.homes.rglob("*") if path.is_file()
             for text in [path.read_text(errors="replace")] for line in secrets_only_checks if line in text]

    expected = (True, [])
    actual = (len(secrets_only_checks) > 10, leaks)
    assert expected == actual


def test_WHEN_learners_work_on_the_hub_THEN_the_kit_server_extension_runs_in_their_servers(
        classroom: Classroom) -> None:
    # The single-user servers log into the hub's output; the extension says so when a kernel's websocket opens.
    expected = True
    actual = NODELAY_LOG in classroom.hub_log
    assert expected == actual

