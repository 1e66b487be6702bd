"""StyleCoach: a code box whose findings update as the learner types.

Every change of the code (the editor sends one per keystroke) re-checks it and replaces the panel's findings and
their spoken summary in a single message: one round trip per keystroke is what keeps it instant.
"""
import logging
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import anywidget
import traitlets

from stylekit.engine import check_source
from stylekit.findings import Finding, StyleReport
from stylekit.widgets.code_editor import CodeEditor
from stylekit.widgets.render import panel_html
from stylekit.widgets.survival import KitWidget

logger = logging.getLogger(__name__)

EDITOR_ROWS = 10  # enough for a typical exercise function; the box grows past it with the code
EDITOR_LABEL = "Python code for the style coach"
PANEL_ESM = Path(__file__).resolve().parent / "static" / "findings_panel.js"
SYNTAX_ERROR_RULE = "SK0000"

Checker = Callable[[str], StyleReport]


def announcement(findings: Sequence[Finding]) -> str:
    """The findings in one sentence for a screen reader; code that does not parse yet is normal while typing, and
    is left to the panel."""
    said = [finding for finding in findings if finding.rule != SYNTAX_ERROR_RULE]
    if not findings:
        return "No style findings."
    if not said:
        return "The code does not parse yet."
    rules = "; ".join(f"{finding.rule} on line {finding.line}" for finding in said)
    return f"{len(said)} style finding{'s' if len(said) != 1 else ''}: {rules}."


class FindingsPanel(anywidget.AnyWidget):
    """The findings as HTML (`value`) and, for screen readers, as a sentence in a live region (`announcement`)."""

    _esm = PANEL_ESM.read_text(encoding="utf-8")
    value = traitlets.Unicode("").tag(sync=True)
    announcement = traitlets.Unicode("").tag(sync=True)


class StyleCoach(KitWidget):
    """Display it as a cell's last expression; `coach.source` hands the code back to the notebook."""

    title = "Style coach"

    def __init__(self, source: str = "", checker: Optional[Checker] = None, label: str = EDITOR_LABEL,
                 **kwargs: Any) -> None:
        self._checker: Checker = checker or check_source
        self._revision = 0
        self.editor = CodeEditor(value=source, label=label, min_lines=EDITOR_ROWS,
                                 placeholder="Write Python here; the feedback updates as you type.")
        self.editor.add_class("stylekit-coach-editor")
        self.panel = FindingsPanel()
        self.panel.add_class("stylekit-coach-panel")
        # Once the kernel is gone the findings could be about code changed since: only the code stays (read-only).
        super().__init__(children=[self.editor, self.panel], live=[self.panel], **kwargs)
        self.add_class("stylekit-coach")
        self.report = StyleReport()
        self.editor.observe(self._on_change, names="value")
        self._update(source)

    @property
    def source(self) -> str:
        return str(self.editor.value)

    @source.setter
    def source(self, value: str) -> None:
        self.editor.value = value

    def _on_change(self, change: Any) -> None:
        self._update(change["new"])

    def _update(self, source: str) -> None:
        self._revision += 1
        self.report = self._checker(source)
        with self.panel.hold_sync():  # the findings and their summary travel in one message
            self.panel.value = panel_html(source, self.report.findings, self._revision)
            self.panel.announcement = announcement(self.report.findings)
