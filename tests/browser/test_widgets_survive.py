"""Kit widgets after a reopen and after a kernel restart, in a real JupyterLab and chromium (issue 19, item 7).

Reopened with a new kernel, each widget shows its static view with the way back, never JupyterLab's "Error
displaying widget: model not found"; after a kernel restart the coach keeps its code read-only and shows no finding,
the quiz no dead choices, each with the note saying how to bring it back. Screenshots in artifacts/.
"""
import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

from playwright.sync_api import Page

from tests.browser.lab import (ARTIFACTS, RunningLab, coach_editor, editor_text, open_notebook, restart_kernel,
                               run_all_cells, save_notebook, shut_down_kernels, write_notebook)

NOTEBOOK = "lesson.ipynb"
STARTING_CODE = "def area(width, height):\n    return width * height\n"  # SK0201: no annotations
CELLS = [
    f"from stylekit.lesson import quiz, your_turn\n\nyour_turn(['types.annotations'], {STARTING_CODE!r})",
    "from stylekit.widgets.quiz import Quiz\n\n"
    "Quiz.from_plain('probe-question', section='types', question='Which one?', "
    "choices=[('This one', 'Because.'), ('That one', 'Not that.')], answer=0)",
]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NOT_FOUND = "model not found"


def _open_and_run(page: Page, lab: RunningLab) -> None:
    write_notebook(lab.root_dir / NOTEBOOK, CELLS)
    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page)
    page.locator('.stylekit-coach .stylekit-finding[data-rule="SK0201"]').wait_for()
    page.locator(".stylekit-quiz .widget-radio-box").wait_for()


def _saved_outputs(path: Path) -> List[Tuple[bool, bool]]:
    """(has a live view, has the static view) for each output of the saved notebook."""
    notebook: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return [(WIDGET_VIEW in output.get("data", {}), "stylekit-static" in "".join(output.get("data", {}).get(
        "text/html", ""))) for cell in notebook["cells"] for output in cell.get("outputs", [])]


def _visible(page: Page, selector: str) -> int:
    return sum(1 for element in page.locator(selector).all() if element.is_visible())


def test_WHEN_notebook_saved_and_reopened_with_a_new_kernel_THEN_static_views_and_no_model_not_found(
        kit_lab: RunningLab, kit_page: Page) -> None:
    _open_and_run(kit_page, kit_lab)
    save_notebook(kit_page, kit_lab.root_dir / NOTEBOOK)
    saved = _saved_outputs(kit_lab.root_dir / NOTEBOOK)
    shut_down_kernels(kit_lab)

    open_notebook(kit_page, kit_lab, NOTEBOOK)
    kit_page.locator(".stylekit-static").nth(1).wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    kit_page.screenshot(path=str(ARTIFACTS / "widgets-reopened.png"))
    outputs = kit_page.locator(".jp-Notebook .jp-OutputArea").all_inner_texts()

    expected = ([(False, True), (False, True)], False, 2, 0, 0)
    actual = (saved, any(NOT_FOUND in text for text in outputs), _visible(kit_page, ".stylekit-static"),
              kit_page.locator(".stylekit-finding").count(), kit_page.locator(".jupyter-widgets").count())
    assert expected == actual
    assert all("run this cell" in text for text in kit_page.locator(".stylekit-static").all_inner_texts())


def test_WHEN_kernel_restarted_THEN_widgets_show_the_way_back_and_no_finding_or_dead_control(
        kit_lab: RunningLab, kit_page: Page) -> None:
    _open_and_run(kit_page, kit_lab)
    findings_before = _visible(kit_page, ".stylekit-finding")

    restart_kernel(kit_page)
    kit_page.locator(".stylekit-offline-note").nth(0).wait_for(state="visible")
    ARTIFACTS.mkdir(exist_ok=True)
    kit_page.screenshot(path=str(ARTIFACTS / "widgets-after-restart.png"))
    editor = coach_editor(kit_page)
    code_before_typing = editor_text(editor)
    editor.click()
    kit_page.keyboard.type("x")

    expected = (1, 2, 0, 0, "false", STARTING_CODE)
    actual = (findings_before, _visible(kit_page, ".stylekit-offline-note"), _visible(kit_page, ".stylekit-finding"),
              _visible(kit_page, ".stylekit-quiz .widget-radio-box"), editor.get_attribute("contenteditable"),
              code_before_typing)
    assert expected == actual
    assert code_before_typing == editor_text(editor)


def test_WHEN_learner_types_in_the_coach_THEN_tab_indents_escape_tab_leaves_and_the_box_grows(
        kit_lab: RunningLab, kit_page: Page) -> None:
    write_notebook(kit_lab.root_dir / NOTEBOOK, ["from stylekit.widgets import StyleCoach\n\nStyleCoach()"])
    open_notebook(kit_page, kit_lab, NOTEBOOK)
    run_all_cells(kit_page)
    editor = coach_editor(kit_page)
    height_empty = editor.bounding_box()["height"]  # type: ignore[index]  # the box is on screen
    editor.click()
    kit_page.keyboard.type("total = 1")
    kit_page.keyboard.press("Home")
    kit_page.keyboard.press("Tab")
    focus_after_tab = kit_page.evaluate("document.activeElement.classList.contains('cm-content')")
    code_after_tab = editor_text(editor)
    kit_page.keyboard.press("Control+a")
    kit_page.keyboard.type("\n".join(f"value_{number} = {number}" for number in range(30)))
    height_full = editor.bounding_box()["height"]  # type: ignore[index]  # the box is on screen
    scroller = kit_page.locator(".stylekit-coach-editor .cm-scroller")
    nothing_hidden = scroller.evaluate("element => element.scrollHeight <= element.clientHeight + 1")
    kit_page.keyboard.press("Escape")
    kit_page.keyboard.press("Tab")

    expected = ("    total = 1", True, 30, True, True, False)
    actual = (code_after_tab, focus_after_tab, len(editor_text(editor).splitlines()), height_full > 2 * height_empty,
              nothing_hidden, kit_page.evaluate("document.activeElement.classList.contains('cm-content')"))
    assert expected == actual
