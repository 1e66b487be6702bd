"""The live coach in a real JupyterLab and a real browser: a finding appears while typing and goes after the fix.

Screenshots of both states are kept in artifacts/ (coach-finding.png, coach-clean.png).
"""
from typing import List

from playwright.sync_api import Page

from tests.browser.conftest import COACH_NOTEBOOK
from tests.browser.lab import (ARTIFACTS, RunningLab, coach_editor, editor_text, open_and_run_notebook,
                               wait_for_settled_panel)

UNANNOTATED = ["def area(width, height):", "    return width * height"]
ANNOTATED = ["def area(width: float, height: float) -> float:", "    return width * height"]


def _type_lines(page: Page, lines: List[str]) -> None:
    # Enter keeps (and after a colon adds) indentation, as in a cell: each line is typed without its own.
    for number, line in enumerate(lines):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line.lstrip())


def _shown_rules(page: Page) -> List[str]:
    return page.locator(".stylekit-coach .stylekit-finding").evaluate_all(
        "elements => elements.map(element => element.getAttribute('data-rule'))")


def test_WHEN_learner_types_unannotated_function_and_then_annotates_it_THEN_SK0201_appears_and_goes(
        coach_lab: RunningLab, page: Page) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    open_and_run_notebook(page, coach_lab, COACH_NOTEBOOK)
    coach_editor(page).click()

    _type_lines(page, UNANNOTATED)
    wait_for_settled_panel(page, '.stylekit-finding[data-rule="SK0201"]')
    page.screenshot(path=str(ARTIFACTS / "coach-finding.png"))
    rules_while_unannotated = _shown_rules(page)

    page.keyboard.press("Control+A")
    _type_lines(page, ANNOTATED)
    wait_for_settled_panel(page, ".stylekit-clean")
    page.screenshot(path=str(ARTIFACTS / "coach-clean.png"))
    rules_after_fix = _shown_rules(page)

    expected = (["SK0201"], [], "\n".join(ANNOTATED))
    actual = (rules_while_unannotated, rules_after_fix, editor_text(coach_editor(page)))
    assert expected == actual
