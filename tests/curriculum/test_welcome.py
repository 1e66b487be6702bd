"""The welcome notebook is honest about what exists, its links lead somewhere, and its demonstrations work."""
import re
from pathlib import Path
from typing import List

import nbformat
import pytest
from nbclient import NotebookClient

from stylekit.curriculum.source import taught_sections
from tests.conftest import REPO_ROOT

WELCOME = REPO_ROOT / "notebooks" / "00_welcome.ipynb"
LINK = re.compile(r"\]\((?P<target>[^)#\s]+)\)")


def _markdown() -> str:
    notebook = nbformat.read(str(WELCOME), as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_WHEN_welcome_links_followed_THEN_every_target_exists() -> None:
    targets = [match.group("target") for match in LINK.finditer(_markdown()) if "://" not in match.group("target")]

    expected: List[str] = []
    actual = [target for target in targets if not (WELCOME.parent / target).exists()]
    assert expected == actual
    assert len(targets) >= 4  # the guide material and the taught sections are linked


def test_WHEN_sections_table_read_THEN_taught_sections_linked_and_the_rest_to_come() -> None:
    rows = [line for line in _markdown().splitlines() if re.match(r"^\| \d+ \|", line)]
    taught = {section.number for section in taught_sections(REPO_ROOT)}

    expected = (12, sorted(taught))
    actual = (len(rows), sorted(int(row.split("|")[1]) for row in rows if "[lesson]" in row))
    assert expected == actual


def test_WHEN_welcome_executed_THEN_checker_and_cell_feedback_show_findings(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STYLEKIT_PROGRESS", str(tmp_path / "progress.json"))
    notebook = nbformat.read(str(WELCOME), as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(WELCOME.parent)}}).execute()
    printed = {cell.source: "".join(output.get("text", "") or str(output.get("data", {}))
                                    for output in cell.get("outputs", []))
               for cell in notebook.cells if cell.cell_type == "code"}

    expected = (True, True)
    actual = (any("SK0201" in text for text in printed.values()),
              any("SK0201" in text for source, text in printed.items() if source.startswith("def parcel_label")))
    assert expected == actual
