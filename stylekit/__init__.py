"""stylekit: teach, check and grade one team's Python style guide.

The public API is small: `check_source` for text, `check_notebook` for notebooks, and the report types.
"""
from stylekit.engine import check_source
from stylekit.findings import Finding, Severity, StyleReport
from stylekit.notebook import check_notebook
from stylekit.settings import Settings

__all__ = ["check_source", "check_notebook", "Finding", "Severity", "StyleReport", "Settings"]
__version__ = "0.1.0"
