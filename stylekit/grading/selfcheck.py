"""`check_exercise("...")`: what a graded cell calls, so a self-paced learner can check their work in place.

It grades the exercise exactly as the course grader would: the same judge, outside the kernel, with the exercise's
code in a subject process of its own (so another exercise's loop or error costs nothing here), and shows the verdict
as HTML under the cell: the score, the code that raised first, each check with its message (and, for a judgement
check that failed, the learner's lines it judged), the style findings, and the verdict per pattern that the
exercise's rubric shows too (pattern_verdicts.py). It returns nothing, so no bare number is
printed under the verdict. Under nbgrader's autograding it does nothing: the HiddenChecks preprocessor grades, and
writes the graded cell's outputs itself (nbgrader_interactions/preprocessor.py).

**What is graded: the notebook as the learner sees it, by saving it first.** The kernel asks JupyterLab to save the
notebook (the `docmanager:save` command, sent through ipylab, a widget library that carries JupyterLab's commands to
the kernel), waits until the file on disk changes, and grades that file. The other way, reading the live cells from
the kernel's history (`In`, `_ih`), was rejected: the history holds what was *run*, in the order it was run, without
the cells it came from, so an answer typed but not run yet, a cell edited after it ran, or a deleted cell would all be
graded other than as seen; and it is not what the course grader will read. Saving first grades what is on the
screen, run or not, exactly as `stylekit grade` will grade the submitted file, and the work is kept on disk as a
bonus. The kernel cannot hear JupyterLab answer while the cell runs, so it watches the file: where no front end saves
(the classic notebook, VS Code, a kernel without ipylab), it waits SAVE_WAIT_SECONDS, grades the copy last saved,
and says so, with the time of that save.
"""
import html
import logging
import os
import time
from pathlib import Path
from typing import List, Optional

from stylekit.grading.containment import ContainmentMode, probe
from stylekit.grading.feedback import describe_problem, render
from stylekit.grading.model import ExerciseVerdict
from stylekit.grading.pattern_verdicts import exercise_pattern_verdicts, render_pattern_verdicts
from stylekit.grading.runner import grade_notebook
from stylekit.notebooks import notebook_section, read_notebook
from stylekit.progress import record
from stylekit.text import html_text
from stylekit.verdicts import LABELS, MARKS, PatternVerdict

logger = logging.getLogger(__name__)

SAVE_COMMAND = "docmanager:save"  # JupyterLab's own Save, on the notebook the learner is working in
SAVE_WAIT_ENV = "STYLEKIT_SAVE_WAIT_SECONDS"
SAVE_WAIT_SECONDS = 5.0  # a save takes well under a second in JupyterLab; a missing front end costs this much
SAVE_POLL_SECONDS = 0.05  # seconds between looks at the file: a save is noticed within a frame or two
# The few styles the verdict needs; JupyterLab's theme variables, so it reads in light and dark themes alike.
VERDICT_STYLE = ("font-family: var(--jp-ui-font-family, sans-serif); font-size: var(--jp-ui-font-size1, 13px); "
                 "line-height: 1.5; max-width: 60em")


class NotebookNotFound(Exception):
    def __init__(self) -> None:
        super().__init__("Cannot tell which notebook this is; run the check from the exercise notebook in JupyterLab")


def current_notebook() -> Path:
    """The notebook file of the running kernel, as Jupyter Server tells the kernel."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        session = shell.user_ns.get("__session__") if shell is not None else None
    except ImportError:
        session = None
    session = session or os.environ.get("JPY_SESSION_NAME")
    if not session:
        raise NotebookNotFound()
    # Jupyter Server gives an absolute path when the client names the file (JupyterLab does), otherwise a
    # path relative to its root; the kernel runs in the notebook's folder, so the bare name finds it then.
    for candidate in (Path(session), Path.cwd() / Path(session).name):
        if candidate.is_file():
            return candidate
    raise NotebookNotFound()


def _ask_front_end_to_save() -> bool:
    """Sends JupyterLab the Save command through ipylab; False when ipylab is missing (nothing was sent)."""
    try:
        from ipylab.commands import CommandRegistry
    except ImportError:
        logger.info("ipylab is not installed: the notebook cannot be saved from the kernel")
        return False
    registry = CommandRegistry()
    registry.execute(SAVE_COMMAND)
    registry.close()
    return True


def save_first(notebook: Path) -> bool:
    """Asks the front end to save `notebook` and waits for the file to change; True when it did."""
    before = notebook.stat().st_mtime_ns
    if not _ask_front_end_to_save():
        return False
    deadline = time.monotonic() + float(os.environ.get(SAVE_WAIT_ENV, SAVE_WAIT_SECONDS))
    while time.monotonic() < deadline:
        time.sleep(SAVE_POLL_SECONDS)
        if notebook.stat().st_mtime_ns != before:
            time.sleep(SAVE_POLL_SECONDS)  # the server writes a new file and renames it: let it settle
            return True
    return False


def _points(value: float) -> str:
    return f"{value:g}"


def _patterns_html(patterns: List[PatternVerdict]) -> str:
    items = []
    for pattern in patterns:
        reasons = "".join(f"<li>{html_text(reason)}</li>" for reason in pattern.reasons)
        items.append(f'<li class="stylekit-pattern" data-pattern="{html_text(pattern.pattern)}" '
                     f'data-state="{html_text(pattern.state)}">{html_text(MARKS[pattern.state])} '
                     f"<code>{html_text(pattern.pattern)}</code>: {html_text(LABELS[pattern.state])}"
                     f"{f'<ul>{reasons}</ul>' if reasons else ''}</li>")
    return (f'<div class="stylekit-patterns"><b>Patterns:</b><ul style="list-style: none; padding-left: 0">'
            f'{"".join(items)}</ul></div>') if items else ""


def render_html(verdict: ExerciseVerdict, saved: str, patterns: Optional[List[PatternVerdict]] = None) -> str:
    """The verdict as the learner reads it under the graded cell: the score, what raised, each check, the style,
    and the verdict per pattern."""
    score = f"{_points(verdict.score)} / {_points(verdict.max_points)}"
    parts = [f'<div class="stylekit-verdict" style="{VERDICT_STYLE}">',
             f'<p><b>Exercise <code>{html_text(verdict.exercise)}</code>: '
             f'<span class="stylekit-score">{html_text(score)} points</span></b></p>',
             f'<p class="stylekit-saved" style="opacity: 0.75">{html_text(saved)}</p>']
    if verdict.error is not None:
        parts.append(f'<p class="stylekit-not-graded">Not graded: {html_text(verdict.error)}</p></div>')
        return "".join(parts)
    if verdict.problems:  # first: a cell that raised explains every check that failed after it
        items = "".join(f"<li>{html_text(describe_problem(problem))}</li>" for problem in verdict.problems)
        parts.append(f'<div class="stylekit-problems"><b>Your code stopped first:</b><ul>{items}</ul></div>')
    parts.append('<ul class="stylekit-checks" style="list-style: none; padding-left: 0">')
    for check in verdict.checks:
        state = "passed" if check.passed else "failed"
        mark = "✓" if check.passed else "✗"
        pattern = f' <span style="opacity: 0.7">[{html_text(check.pattern)}]</span>' if check.pattern else ""
        judged = ""
        if not check.passed and check.detail:
            judged = (f'<div class="stylekit-judged">Judged in your code:<pre style="white-space: pre-wrap; '
                      f'margin: 0.2em 0 0.4em 1.5em">{html_text(check.detail)}</pre></div>')
        parts.append(f'<li class="stylekit-check stylekit-{state}" data-check="{html_text(check.name)}">'
                     f"{mark} <b>{state}</b> ({html_text(_points(check.earned))}/{html_text(_points(check.points))})"
                     f": {html_text(check.expect)}{pattern}{judged}</li>")
    parts.append("</ul>")
    style = verdict.style
    if style is not None and style.points > 0:
        parts.append(f'<div class="stylekit-style"><b>Style: {html_text(_points(style.earned))} / '
                     f"{html_text(_points(style.points))}</b>")
        notes = [text for text in (style.withheld_reason, style.note) if text]
        parts += [f"<p>{html_text(text)}</p>" for text in notes]
        findings = "".join(f"<li>line {html_text(finding.get('line'))}: <code>{html_text(finding.get('rule'))}</code> "
                           f"{html_text(finding.get('message'))} [{html_text(finding.get('pattern'))}]</li>"
                           for finding in style.findings)
        parts.append(f'<ul class="stylekit-findings">{findings}</ul></div>' if findings else "</div>")
    parts.append(_patterns_html(patterns or []))
    parts.append("</div>")
    return "".join(parts)


def _show(markup: str, plain: str) -> None:
    """Displays the verdict as HTML, with the plain text for front ends that show no HTML."""
    from IPython.display import display

    display({"text/html": markup, "text/plain": plain}, raw=True)


def _message(text: str) -> None:
    _show(f'<p class="stylekit-verdict" style="{VERDICT_STYLE}">{html.escape(text)}</p>', text)


def check_exercise(exercise: str) -> None:
    if os.environ.get("NBGRADER_EXECUTION"):
        return None  # graded outside the learner's kernel, by the HiddenChecks preprocessor
    notebook = current_notebook()
    saved_now = save_first(notebook)
    saved_at = time.strftime("%H:%M:%S", time.localtime(notebook.stat().st_mtime))
    saved = (f"Saved and checked at {saved_at}: this is what the course grader will see." if saved_now else
             f"Checked the notebook as last saved, at {saved_at}: it could not be saved from here. If you have "
             "edits since, save (Ctrl+S) and run this cell again.")
    # On a learner's own machine the checks sit in the kit's folder anyway: no namespaces (no root) is no news there,
    # so a self-check uses them when it can and says nothing when it cannot.
    graded = grade_notebook(notebook, containment=ContainmentMode.AUTO if probe().namespaces
                            else ContainmentMode.AUDIT_ONLY, exercises=[exercise])
    verdict = graded.exercises.get(exercise)
    if graded.failure is not None:
        _message(f"The notebook could not be checked: {graded.failure}")
        return None
    if verdict is None:
        _message(f"This notebook has no graded exercise called '{exercise}'.")
        return None
    graded_notebook = read_notebook(notebook)
    patterns = exercise_pattern_verdicts(graded_notebook, verdict)
    _show(render_html(verdict, saved, patterns), f"{saved}\n{render(verdict)}\n{render_pattern_verdicts(patterns)}")
    findings = len(verdict.style.findings) if verdict.style else 0
    record(notebook_section(graded_notebook), exercise, verdict.score, verdict.max_points, findings, patterns)
    return None
