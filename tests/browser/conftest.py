"""Fixtures for the browser tests: a real JupyterLab on a temporary folder, and Debian's chromium."""
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.browser.lab import ARTIFACTS, KIT_SERVER_CONFIG, RunningLab, chromium, running_lab, write_notebook

COACH_NOTEBOOK = "coach.ipynb"
COACH_CELL = "from stylekit.widgets import StyleCoach\nStyleCoach()"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Remember each phase's outcome on the test item, so that fixtures can tell a failed test."""
    outcome: Any = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def coach_lab(tmp_path: Path) -> Iterator[RunningLab]:
    """JupyterLab serving a folder that holds one notebook whose cell shows a StyleCoach."""
    root_dir = tmp_path / "notebooks"
    root_dir.mkdir()
    write_notebook(root_dir / COACH_NOTEBOOK, [COACH_CELL])
    with running_lab(root_dir, tmp_path / "jupyter") as lab:
        yield lab


@pytest.fixture
def kit_lab(tmp_path: Path) -> Iterator[RunningLab]:
    """JupyterLab as `make lab` runs it (the kit's server extension on), on an empty folder the test fills, with the
    learner's progress file in the test's folder."""
    root_dir = tmp_path / "notebooks"
    root_dir.mkdir()
    progress = {"STYLEKIT_PROGRESS": str(tmp_path / "progress.json")}
    with running_lab(root_dir, tmp_path / "jupyter", extra_env=progress, server_config=KIT_SERVER_CONFIG) as lab:
        yield lab


def _page(request: pytest.FixtureRequest, tmp_path: Path, lab: RunningLab) -> Iterator[Page]:
    with sync_playwright() as playwright, chromium(playwright, tmp_path / "chromium-profile") as context:
        browser_page = context.new_page()
        yield browser_page
        call_report = getattr(request.node, "report_call", None)
        if call_report is not None and call_report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            browser_page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-failure.png"))
            print(f"JupyterLab's log:\n{lab.log()[-5000:]}")


@pytest.fixture
def page(request: pytest.FixtureRequest, tmp_path: Path, coach_lab: RunningLab) -> Iterator[Page]:
    """A page in headless chromium; on failure its screenshot lands in artifacts/ and the lab's log is shown."""
    yield from _page(request, tmp_path, coach_lab)


@pytest.fixture
def kit_page(request: pytest.FixtureRequest, tmp_path: Path, kit_lab: RunningLab) -> Iterator[Page]:
    """The same, on the kit_lab."""
    yield from _page(request, tmp_path, kit_lab)
