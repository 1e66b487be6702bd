"""The self-check in a real JupyterLab and a real browser grades the notebook as the learner sees it: an answer typed
into its cell, neither run nor saved, is saved by the graded cell (JupyterLab's Save, asked through ipylab) and graded
as typed; the verdict shows as HTML. A screenshot is kept in artifacts/selfcheck-verdict.png."""
from pathlib import Path
from typing import Iterator

import nbformat
import pytest
from playwright.sync_api import sync_playwright

from stylekit.grading.runner import CHECKS_ENV
from stylekit.notebooks import exercise_answer, read_notebook
from stylekit.notebooks.schema import ROLE_GRADED, ROLE_SOLUTION, kit_metadata
from stylekit.progress import PROGRESS_ENV
from tests.browser.lab import ARTIFACTS, RunningLab, chromium, running_lab
from tests.grading.pilot import ANSWER, NOTEBOOK, pilot_notebook, with_answer, write_pilot

STARTER = "def area(width, height):\n    raise NotImplementedError()\n"
VERDICT_SECONDS_MS = 120_000  # the kernel's start, a grading process and its subject on a loaded 2-core machine


@pytest.fixture
def selfcheck_lab(tmp_path: Path) -> Iterator[RunningLab]:
    """JupyterLab serving the pilot exercise notebook, whose file holds the untouched starter answer."""
    root_dir = tmp_path / "notebooks"
    root_dir.mkdir()
    notebook = with_answer(pilot_notebook(), STARTER)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                       "language": "python"}
    nbformat.write(notebook, str(root_dir / NOTEBOOK))
    environment = {CHECKS_ENV: str(write_pilot(tmp_path)), PROGRESS_ENV: str(tmp_path / "progress.json")}
    with running_lab(root_dir, tmp_path / "jupyter", extra_env=environment) as lab:
        yield lab


def test_WHEN_answer_typed_not_run_not_saved_and_graded_cell_run_THEN_saved_and_graded_as_typed(
        tmp_path: Path, selfcheck_lab: RunningLab) -> None:
    notebook = pilot_notebook()
    roles = [kit_metadata(cell).get("role") for cell in notebook.cells]
    answer_cell, graded_cell = roles.index(ROLE_SOLUTION), roles.index(ROLE_GRADED)
    with sync_playwright() as playwright, chromium(playwright, tmp_path / "chromium-profile") as context:
        page = context.new_page()
        with page.expect_websocket(lambda socket: "/api/kernels/" in socket.url):
            page.goto(selfcheck_lab.notebook_url(NOTEBOOK))
        page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
        cells = page.locator(".jp-Notebook .jp-Cell")
        cells.nth(answer_cell).locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(ANSWER)  # typed into the cell, neither run nor saved
        cells.nth(graded_cell).locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        verdict = page.locator(".stylekit-verdict")
        verdict.wait_for(timeout=VERDICT_SECONDS_MS)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "selfcheck-verdict.png"))
        shown = verdict.inner_text()

    saved = exercise_answer(read_notebook(selfcheck_lab.root_dir / NOTEBOOK), "area")
    expected = (True, True, ANSWER.strip())
    actual = ("3 / 3 points" in shown, "Saved and checked" in shown, saved.strip())
    assert expected == actual, f"{shown}\n{selfcheck_lab.log()[-3000:]}"
