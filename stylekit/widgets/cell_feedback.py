"""Feedback under every executed cell: `enable_cell_feedback()` or `%load_ext stylekit`.

Each cell the learner runs is checked in the context of the cells run before it (imports and definitions
there count), and a compact summary of its own findings appears underneath. `disable_cell_feedback()` or
`%unload_ext stylekit` switches it off.
"""
import logging
from typing import Any, Dict, List

from IPython.display import HTML, display

from stylekit.notebook import check_cells
from stylekit.widgets.render import finding_html

logger = logging.getLogger(__name__)

# The feedback registered on each IPython shell (one per kernel), so enabling twice never doubles it.
_ACTIVE: Dict[int, "CellFeedback"] = {}


class CellFeedback:
    def __init__(self, shell: Any) -> None:
        self.shell = shell
        self.cells: List[str] = []

    def post_run_cell(self, result: Any) -> None:
        source = getattr(getattr(result, "info", None), "raw_cell", "") or ""
        if not source.strip():
            return
        self.cells.append(source)
        index = len(self.cells) - 1
        report = check_cells(list(enumerate(self.cells)))
        mine = [finding for finding in report.findings if finding.cell == index]
        display(HTML(summary_html(mine)))


def summary_html(findings: List[Any]) -> str:
    if not findings:
        return '<div class="stylekit-cell-feedback stylekit-clean" style="color:#067647;font-size:12px">✓ style</div>'
    items = "".join(finding_html(finding) for finding in findings)
    return (f'<div class="stylekit-cell-feedback" style="font-size:12px;border-left:3px solid #fdb022;'
            f'padding-left:6px">{len(findings)} style finding{"s" if len(findings) != 1 else ""}{items}</div>')


def enable_cell_feedback(shell: Any = None) -> None:
    from IPython import get_ipython

    shell = shell or get_ipython()
    if shell is None or id(shell) in _ACTIVE:
        return
    feedback = CellFeedback(shell)
    _ACTIVE[id(shell)] = feedback
    shell.events.register("post_run_cell", feedback.post_run_cell)


def disable_cell_feedback(shell: Any = None) -> None:
    from IPython import get_ipython

    shell = shell or get_ipython()
    feedback = _ACTIVE.pop(id(shell), None) if shell is not None else None
    if feedback is not None:
        shell.events.unregister("post_run_cell", feedback.post_run_cell)
