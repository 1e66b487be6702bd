"""The kit's widgets against axe-core in chromium (issue 19, item 9): the welcome notebook, a lesson and an exercise
notebook, every widget cell run, no violation of impact serious or critical.

axe-core comes from npm (`make a11y` installs it into .a11y/) and is injected into JupyterLab's page. It is scoped
to the output areas that hold the kit's widgets: JupyterLab's own chrome is not the kit's to fix, and its findings
would hide ours (measured on the welcome notebook: cell editors without a name, aria-allowed-attr on toolbar
buttons, an unnamed heading-collapse button). The coach's live region is checked too: what it announces after the
learner types.
"""
import shutil
from pathlib import Path
from typing import Dict, List

import pytest
from playwright.sync_api import Page

from tests.browser.lab import (ARTIFACTS, IDLE, REPO_ROOT, RunningLab, coach_editor, open_notebook, run_all_cells,
                               shut_down_kernels, write_notebook)

AXE = REPO_ROOT / ".a11y" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
WIDGET_CALLS = ("ExerciseRubric(", "ProgressView(")  # the widget cells of an exercise notebook
WELCOME = "notebooks/00_welcome.ipynb"
LESSON = "notebooks/02_type_system_lesson.ipynb"
EXERCISE = "exercises/02_type_system/02_type_system.ipynb"
# The output areas that hold a kit widget (live, or its static view); JupyterLab's rendering of plain text and
# tracebacks is not the kit's (its autolinked URLs in a pydantic traceback fail link-in-text-block, for one).
WIDGET_OUTPUTS = ".jp-Notebook .jp-OutputArea-output:has(.stylekit-widget, .stylekit-static, .stylekit-rubric-widget)"
# axe judges colour contrast only for what is on screen, so each output area is scrolled into view and judged alone.
AXE_RUN_JS = """async (selector) => {
  const found = new Map();
  for (const area of document.querySelectorAll(selector)) {
    area.scrollIntoView({block: 'start'});
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const results = await axe.run(area, {resultTypes: ['violations']});
    for (const {id, impact, help, nodes} of results.violations) {
      for (const node of nodes) {
        found.set(`${id} ${node.target.join(' ')}`, {id, impact, help, target: node.target.join(' ')});
      }
    }
  }
  return [...found.values()];
}"""


class AxeMissingError(Exception):
    def __init__(self) -> None:
        super().__init__(f"{AXE} is missing: the accessibility test must run, not skip; `make a11y` installs it")


def _axe_violations(page: Page) -> List[str]:
    """Serious and critical violations in the open notebook's output areas, one line each."""
    if not AXE.is_file():
        raise AxeMissingError()
    page.add_script_tag(path=str(AXE))
    # JupyterLab's outermost container is 0 px high with overflow hidden, its shell positioned absolutely inside it:
    # nothing is clipped on screen, but axe takes every element for clipped and judges no colour contrast at all
    # (measured: colour-contrast "inapplicable" everywhere). Overflow visible there changes nothing one sees.
    page.add_style_tag(content=".jp-ThemedContainer { overflow: visible !important; }")
    violations = page.evaluate(AXE_RUN_JS, WIDGET_OUTPUTS)
    return sorted(f"{violation['id']} ({violation['impact']}): {violation['help']} at {violation['target']}"
                  for violation in violations if violation["impact"] in BLOCKING_IMPACTS)


def _run_widget_cells(page: Page) -> None:
    """Run each cell that shows a kit widget (an exercise notebook's answer cells raise until answered, which would
    stop Run All before the widgets)."""
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    for index in range(cells.count()):
        cell = cells.nth(index)
        if any(widget in cell.locator(".jp-InputArea").inner_text() for widget in WIDGET_CALLS):
            cell.locator(".jp-InputArea-prompt").click()
            page.keyboard.press("Control+Enter")
            page.locator(IDLE).wait_for()


@pytest.fixture
def kit_notebooks(kit_lab: RunningLab) -> RunningLab:
    """The welcome notebook, the types lesson and its exercise notebook, in the lab's folder as in the kit's."""
    for name in (WELCOME, LESSON, EXERCISE):
        target = kit_lab.root_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO_ROOT / name, target)
    return kit_lab


def test_WHEN_welcome_lesson_and_exercise_run_THEN_axe_finds_no_serious_violation_in_widget_outputs(
        kit_notebooks: RunningLab, kit_page: Page) -> None:
    found: Dict[str, List[str]] = {}
    shown: Dict[str, int] = {}
    ARTIFACTS.mkdir(exist_ok=True)
    for name in (WELCOME, LESSON, EXERCISE):
        open_notebook(kit_page, kit_notebooks, name, alone=True)
        if name == EXERCISE:
            _run_widget_cells(kit_page)
        else:
            run_all_cells(kit_page)
        kit_page.locator(".stylekit-widget").first.wait_for()
        shown[name] = kit_page.locator(".stylekit-widget").count()
        found[name] = _axe_violations(kit_page)
        kit_page.screenshot(path=str(ARTIFACTS / f"a11y-{Path(name).parent.name}-{Path(name).stem}.png"))
        shut_down_kernels(kit_notebooks)  # two cores: one kernel at a time

    expected = {WELCOME: [], LESSON: [], EXERCISE: []}
    actual = found
    assert expected == actual
    assert all(count > 0 for count in shown.values()), shown  # axe judged widgets, not empty outputs


def test_WHEN_learner_types_code_with_a_finding_THEN_the_live_region_announces_it(
        kit_lab: RunningLab, kit_page: Page) -> None:
    write_notebook(kit_lab.root_dir / "coach.ipynb", ["from stylekit.widgets import StyleCoach\n\nStyleCoach()"])
    open_notebook(kit_page, kit_lab, "coach.ipynb")
    run_all_cells(kit_page)
    editor = coach_editor(kit_page)
    editor.click()
    kit_page.keyboard.type("def area(width, height):\nreturn width * height")
    status = kit_page.locator(".stylekit-coach [role='status'][aria-live='polite']")
    status.filter(has_text="SK0201").wait_for(state="attached")

    expected = ("1 style finding: SK0201 on line 1.", "Python code for the style coach")
    actual = (status.text_content(), editor.get_attribute("aria-label"))
    assert expected == actual
