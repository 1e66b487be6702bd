"""`make lab` in a real JupyterLab and chromium: the learner's workspace is all the file browser shows, and opening
notebooks from the welcome table one after another does not leave a kernel running for each one closed.

The kit's JupyterLab settings (stylekit/workspace/jupyterlab_overrides.json, installed by `make learner-lab`) shut a
notebook's kernel down when its tab closes; Jupyter Server's culler (the Makefile's KERNEL_CULLING) shuts down kernels
nobody is connected to after 10 idle minutes. A screenshot of the open tabs lands in artifacts/workspace-tabs.png.
"""
import json
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator, List

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.browser.lab import ARTIFACTS, RunningLab, chromium, running_make_lab

WELCOME = "notebooks/00_welcome.ipynb"
FIRST = "notebooks/01_code_organization_lesson.ipynb"  # the welcome table's first lesson link
SECOND = "exercises/02_type_system/02_type_system.ipynb"  # the table's second exercises link
SETTLE_SECONDS = 60  # a kernel's start, or its shutdown after its tab closes, on a loaded 2-core machine
CULLER_LOG = "Culling kernels with idle durations > 600 seconds at 60 second intervals"


def _get(lab: RunningLab, path: str) -> Any:
    with urllib.request.urlopen(f"{lab.base_url}{path}?token={lab.token}", timeout=10) as response:
        return json.loads(response.read())


def _session_paths(lab: RunningLab) -> List[str]:
    return sorted(session["path"] for session in _get(lab, "/api/sessions"))


def _wait_for_kernels(lab: RunningLab, count: int) -> int:
    """The number of running kernels once it is `count`, or whatever it is when SETTLE_SECONDS have passed."""
    deadline = time.monotonic() + SETTLE_SECONDS
    kernels = len(_get(lab, "/api/kernels"))
    while kernels != count and time.monotonic() < deadline:
        time.sleep(0.5)
        kernels = len(_get(lab, "/api/kernels"))
    return kernels


@pytest.fixture
def workspace_lab(tmp_path: Path) -> Iterator[RunningLab]:
    with running_make_lab(tmp_path / "workspace", tmp_path / "jupyter") as lab:
        yield lab


@pytest.fixture
def page(request: pytest.FixtureRequest, tmp_path: Path, workspace_lab: RunningLab) -> Iterator[Page]:
    with sync_playwright() as playwright, chromium(playwright, tmp_path / "chromium-profile") as context:
        browser_page = context.new_page()
        yield browser_page
        call_report = getattr(request.node, "report_call", None)
        if call_report is not None and call_report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            browser_page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-failure.png"))
            print(f"make lab's log:\n{workspace_lab.log()[-5000:]}")


def _open_from_welcome(page: Page, lab: RunningLab, row: str, link: str, opened: str) -> None:
    """Click a link in the welcome table's row of a section, and wait until the notebook it opens has its kernel."""
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="00_welcome.ipynb").click()
    table_row = page.locator(".jp-NotebookPanel:visible .jp-RenderedMarkdown tr", has_text=row)
    table_row.get_by_role("link", name=link).click()
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=Path(opened).name).wait_for()
    deadline = time.monotonic() + SETTLE_SECONDS
    while opened not in _session_paths(lab) and time.monotonic() < deadline:
        time.sleep(0.5)


def _close_tab(page: Page, name: str) -> None:
    """Close a notebook's tab as a learner does, answering "Discard" if JupyterLab asks to save it first: it fills in
    the notebook's language_info once the kernel has connected, so an untouched notebook may count as changed."""
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name)
    tab.locator(".lm-TabBar-tabCloseIcon").click()
    discard = page.locator(".jp-Dialog").get_by_role("button", name="Discard")
    deadline = time.monotonic() + SETTLE_SECONDS
    while tab.count() and time.monotonic() < deadline:
        if discard.count():
            discard.click()
        page.wait_for_timeout(200)


def test_WHEN_two_notebooks_opened_from_the_welcome_table_and_the_first_closed_THEN_its_kernel_is_gone(
        workspace_lab: RunningLab, page: Page) -> None:
    page.goto(f"{workspace_lab.base_url}/lab/tree/{WELCOME}?token={workspace_lab.token}")
    page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for()
    browsed = sorted(item["name"] for item in _get(workspace_lab, "/api/contents/")["content"])

    _open_from_welcome(page, workspace_lab, "Code Organization", "lesson", FIRST)
    _open_from_welcome(page, workspace_lab, "Type System", "exercises", SECOND)
    with_both_open = (_wait_for_kernels(workspace_lab, 3), _session_paths(workspace_lab))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workspace-tabs.png"))

    _close_tab(page, Path(FIRST).name)
    after_closing = (_wait_for_kernels(workspace_lab, 2), _session_paths(workspace_lab))

    expected = (["exercises", "guide", "notebooks"],
                (3, sorted([WELCOME, FIRST, SECOND])), (2, sorted([WELCOME, SECOND])), True)
    actual = (browsed, with_both_open, after_closing, CULLER_LOG in workspace_lab.log())
    assert expected == actual
