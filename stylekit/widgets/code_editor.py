"""The live coach's code box: CodeMirror 6, JupyterLab's own editor, as an anywidget.

ipywidgets has no code editor: its Textarea lets Tab leave the box and scrolls longer code out of sight. Of the
libraries that might give one, `ipyaceeditor` and `ipycodemirror` are not on PyPI, `ipymonaco` has one alpha from
2020 (ipywidgets 7) and `jupyter-notepad` two releases for files in a git repository; so the box is CodeMirror 6
(npm, locked in frontend/code_editor/package-lock.json) rendered by anywidget, the maintained way to give a widget
its own front end without a JupyterLab extension build. The bundle in static/ is built by `make editor` and checked
against its source by tests/widgets/test_code_editor.py; learners need no Node.js.
"""
import hashlib
import logging
import re
from pathlib import Path
from typing import Any, Optional

import anywidget
import traitlets

logger = logging.getLogger(__name__)

FRONTEND = Path(__file__).resolve().parent.parent.parent / "frontend" / "code_editor"  # in a source checkout only
BUNDLE = Path(__file__).resolve().parent / "static" / "code_editor.js"
BUNDLE_SOURCES = ("code_editor.js", "package-lock.json")  # what build.mjs digests, in this order
DIGEST_PATTERN = re.compile(r"source digest sha256:([0-9a-f]{64})")
DEFAULT_LABEL = "Python code"


def source_digest(frontend: Path = FRONTEND) -> str:
    """The digest build.mjs writes into the bundle's banner, computed from the sources as they are now."""
    digest = hashlib.sha256()
    for name in BUNDLE_SOURCES:
        digest.update((frontend / name).read_bytes())
    return digest.hexdigest()


def bundle_digest(bundle: Path = BUNDLE) -> Optional[str]:
    """The source digest the bundle was built from (None when its banner has none)."""
    match = DIGEST_PATTERN.search(bundle.read_text(encoding="utf-8")[:1000])
    return match.group(1) if match else None


class CodeEditor(anywidget.AnyWidget):
    """A Python code box that indents with Tab and grows with its code; `value` holds the code."""

    _esm = BUNDLE.read_text(encoding="utf-8")
    value = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode(DEFAULT_LABEL).tag(sync=True)  # the box's accessible name
    placeholder = traitlets.Unicode("").tag(sync=True)
    min_lines = traitlets.Int(10).tag(sync=True)  # the box never gets shorter than this, and grows past it

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        super().__init__(value=value, **kwargs)
