"""Kit widgets that survive a reopened notebook and a restarted kernel: a static view and the way back, never a
dead control or a stale finding.

A widget's view lives in the browser, its model in the kernel. Measured in chromium (JupyterLab 4.6, its widget
manager 5.0 with "save widget state" off, the default):
- A notebook reopened with a new kernel shows "Error displaying widget: model not found" for each saved widget
  output. The widget renderer outranks every other MIME type of an output (rank -10) and, once the widget manager is
  restored, shows that error instead of falling back: a `text/html` beside the widget view in the same output is
  never seen (ipywidgets #1664 and the issues after it). With "save widget state" on, the saved models come back
  without a kernel: views that look alive and do nothing.
- After a kernel restart the views stay as they were and do nothing; the widget manager only marks each view with
  the class `jupyter-widgets-disconnected`.
So a kit widget (1) carries its static view in its output's MIME bundle (`text/html` and `text/plain`: what it is
and how to bring it back, never a finding), marked in the output's metadata; (2) the kit's server extension saves
such outputs as the static view alone (stylekit/notebooks/widget_outputs.py), so a reopened notebook shows the static
view whatever the kernel, the setting or the notebook's trust; (3) its own style sheet turns a disconnected view into
the same note, hiding what would be stale (the coach's findings, a rubric's verdicts, buttons that do nothing).
"""
import html
import logging
from typing import Any, Dict, Sequence, Tuple

import ipywidgets

from stylekit.notebooks.widget_outputs import static_view_metadata

logger = logging.getLogger(__name__)

KIT_CLASS = "stylekit-widget"  # the root of every kit widget
LIVE_CLASS = "stylekit-live"  # a part of a kit widget that only makes sense while its kernel runs
NOTE_CLASS = "stylekit-offline"  # the note shown instead of the live parts once the kernel is gone
DISCONNECTED_CLASS = "jupyter-widgets-disconnected"  # set by the widget manager on every view after a restart
WAY_BACK = "run this cell (Shift+Enter) to use it again"

# Inside the widget's own HTML (an ipywidgets HTML's value is not sanitised, so its <style> applies): no extension
# and no notebook trust needed. A kit widget nested in another shows no note of its own; the outer one speaks. The
# widget manager's broken-link icon on every disconnected view (nine in a your-turn) gives way to the one note.
OFFLINE_CSS = f"""<style>
.{NOTE_CLASS} .stylekit-offline-note {{ display: none; }}
.{KIT_CLASS}.{DISCONNECTED_CLASS} > .{NOTE_CLASS} .stylekit-offline-note {{
  display: block; margin: 4px 0; padding: 6px 8px; border-left: 3px solid #475467; background: #f2f4f7;
  color: #1d2939; }}
.{KIT_CLASS} .{KIT_CLASS}.{DISCONNECTED_CLASS} > .{NOTE_CLASS} .stylekit-offline-note {{ display: none; }}
.{KIT_CLASS}.{DISCONNECTED_CLASS} > .{LIVE_CLASS} {{ display: none !important; }}
.{KIT_CLASS}.{DISCONNECTED_CLASS} .stylekit-code-editor {{ opacity: 0.8; }}
.{KIT_CLASS}.{DISCONNECTED_CLASS} .stylekit-code-editor-hint {{ display: none; }}
.{KIT_CLASS}.{DISCONNECTED_CLASS}::before, .{KIT_CLASS} .{DISCONNECTED_CLASS}::before {{ display: none; }}
</style>"""


def static_view_html(title: str, body: str = "") -> str:
    """What a reopened notebook shows in place of a kit widget: its name, the way back, and `body` (never findings:
    the code they were about may have changed since)."""
    return (f'<div class="stylekit-static" style="border:1px dashed #667085;padding:6px 10px;color:#1d2939">'
            f'<p style="margin:2px 0"><b>{html.escape(title)}</b> is not running: it runs only while this '
            f'notebook\'s kernel does; <b>{WAY_BACK}</b>.</p>{body}</div>')


def static_view_text(title: str) -> str:
    return f"{title} is not running: it runs only while this notebook's kernel does; {WAY_BACK}."


class StaticView:
    """A widget whose output also carries its static view: `title`, the way back, and `static_body()`."""

    title = "Widget"

    def static_body(self) -> str:
        """HTML under the static view's heading: what still holds without a kernel (never findings)."""
        return ""

    def _repr_mimebundle_(self, **kwargs: Any) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        data = dict(super()._repr_mimebundle_(**kwargs) or {})  # type: ignore[misc]  # the widget class after it
        data["text/html"] = static_view_html(self.title, self.static_body())
        data["text/plain"] = static_view_text(self.title)
        return data, static_view_metadata()


class KitWidget(StaticView, ipywidgets.VBox):
    """The root of a kit widget: its parts, the note for a stopped kernel, and a static view for a reopened notebook.

    `live` are the parts hidden once the kernel is gone (they would be stale or do nothing); the others stay.
    """

    def __init__(self, children: Sequence[ipywidgets.Widget], live: Sequence[ipywidgets.Widget] = (),
                 **kwargs: Any) -> None:
        for part in live:
            part.add_class(LIVE_CLASS)
        note = ipywidgets.HTML(f'{OFFLINE_CSS}<div class="stylekit-offline-note" role="note">'
                               f'{html.escape(self.title)} stopped with its kernel: {WAY_BACK}.</div>')
        note.add_class(NOTE_CLASS)
        super().__init__(children=[note, *children], **kwargs)
        self.add_class(KIT_CLASS)
