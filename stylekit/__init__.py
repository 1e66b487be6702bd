"""stylekit: teach, check and grade one team's Python style guide.

The public API is small: `check_source` for text, `check_notebook` for notebooks, and the report types.
"""
from stylekit.engine import check_source
from stylekit.findings import Finding, Severity, StyleReport
from stylekit.notebook import check_notebook
from stylekit.settings import Settings

__all__ = ["check_source", "check_notebook", "Finding", "Severity", "StyleReport", "Settings", "load_ipython_extension",
           "unload_ipython_extension"]


def load_ipython_extension(shell: object) -> None:
    """`%load_ext stylekit`: style feedback under every cell the learner runs."""
    from stylekit.widgets.cell_feedback import enable_cell_feedback  # ipywidgets only when asked for

    enable_cell_feedback(shell)


def unload_ipython_extension(shell: object) -> None:
    from stylekit.widgets.cell_feedback import disable_cell_feedback

    disable_cell_feedback(shell)
__version__ = "0.1.0"
