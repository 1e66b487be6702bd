"""Feedback under every executed cell, in a real kernel: judged with earlier cells, and easy to switch off."""
from typing import List

from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook


def _feedback_per_cell(sources: List[str]) -> List[str]:
    notebook = new_notebook(cells=[new_code_cell(source) for source in sources])
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    return ["".join(output.get("data", {}).get("text/html", "") for output in cell.outputs) for cell in notebook.cells]


def test_WHEN_extension_loaded_THEN_each_cell_gets_its_own_findings_in_context() -> None:
    feedback = _feedback_per_cell([
        "%load_ext stylekit",
        "from typing import List",
        "def total(prices: List[float]) -> float:\n    return sum(prices)",
        "def area(width, height):\n    return width * height",
    ])

    expected = (True, True, True)
    actual = ("stylekit-clean" in feedback[1], "stylekit-clean" in feedback[2], 'data-rule="SK0201"' in feedback[3])
    assert expected == actual


def test_WHEN_extension_unloaded_THEN_no_more_feedback() -> None:
    feedback = _feedback_per_cell([
        "from stylekit.widgets import enable_cell_feedback, disable_cell_feedback\nenable_cell_feedback()",
        "def area(width, height):\n    return width * height",
        "disable_cell_feedback()",
        "def volume(width, height, depth):\n    return width * height * depth",
    ])

    expected = (True, "")
    actual = ('data-rule="SK0201"' in feedback[1], feedback[3])
    assert expected == actual
