"""StyleCoach: a code area whose findings update as the learner types.

Every change of the text (ipywidgets sends one per keystroke with continuous_update) re-checks the code
and replaces the panel's HTML in a single message: one round trip per keystroke is what keeps it instant.
"""
import logging
from typing import Any, Callable, Optional

import ipywidgets

from stylekit.engine import check_source
from stylekit.findings import StyleReport
from stylekit.widgets.render import panel_html

logger = logging.getLogger(__name__)

EDITOR_ROWS = 10  # enough for a typical exercise function without scrolling

Checker = Callable[[str], StyleReport]


class StyleCoach(ipywidgets.VBox):
    """Display it as a cell's last expression; `coach.source` hands the code back to the notebook."""

    def __init__(self, source: str = "", checker: Optional[Checker] = None, **kwargs: Any) -> None:
        self._checker: Checker = checker or check_source
        self._revision = 0
        self.editor = ipywidgets.Textarea(value=source, continuous_update=True,
                                          placeholder="Write Python here; the feedback updates as you type.",
                                          layout=ipywidgets.Layout(width="100%"), rows=EDITOR_ROWS)
        self.editor.add_class("stylekit-coach-editor")
        self.panel = ipywidgets.HTML()
        self.panel.add_class("stylekit-coach-panel")
        super().__init__(children=[self.editor, self.panel], **kwargs)
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
        self.panel.value = panel_html(source, self.report.findings, self._revision)
