"""stylekit: teach, check and grade one team's Python style guide.

The public API is small: `check_source` for text, `check_notebook` for notebooks, and the report types.
"""
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # type checkers see the real names; at run time __getattr__ loads them
    from stylekit.engine import check_source
    from stylekit.findings import Finding, Severity, StyleReport
    from stylekit.notebook import check_notebook
    from stylekit.settings import Settings

__version__ = "0.1.0"

# Loaded on first use (PEP 562), so that a process needing one small part of the kit (a grading process's
# policy, started once per learner test run) does not pay for the engine and its rules.
_PUBLIC = {"check_source": "stylekit.engine", "check_notebook": "stylekit.notebook", "Finding": "stylekit.findings",
           "Severity": "stylekit.findings", "StyleReport": "stylekit.findings", "Settings": "stylekit.settings"}

__all__ = ["check_source", "check_notebook", "Finding", "Severity", "StyleReport", "Settings", "load_ipython_extension",
           "unload_ipython_extension"]


def load_ipython_extension(shell: object) -> None:
    """`%load_ext stylekit`: style feedback under every cell the learner runs."""
    from stylekit.widgets.cell_feedback import enable_cell_feedback  # ipywidgets only when asked for

    enable_cell_feedback(shell)


def unload_ipython_extension(shell: object) -> None:
    from stylekit.widgets.cell_feedback import disable_cell_feedback

    disable_cell_feedback(shell)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'stylekit' has no attribute {name!r}")
