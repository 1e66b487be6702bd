"""The one notebook reader: caps checked on the raw JSON before nbformat converts and validates, every refusal an
UnreadableNotebook that names the file and the reason (and the cap, for a notebook too large)."""
import json
import time
from pathlib import Path
from typing import Any, Dict, List

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from stylekit.errors import StylekitError
from stylekit.notebooks import reader
from stylekit.notebooks.reader import (NotebookLimits, NotebookTooLarge, UnreadableNotebook, parse_notebook,
                                       read_notebook)

# nbformat's validation of the 100,000-cell notebook below takes about 8 s on the 2-core machine it was measured on,
# the reader's refusal about 0.3 s (parsing the JSON): well under this, even on a slow machine.
REFUSAL_SECONDS = 3.0


def _raw_notebook(cells: int, source: str = "x = 1") -> Dict[str, Any]:
    return {"cells": [{"cell_type": "code", "execution_count": None, "id": f"cell-{index}", "metadata": {},
                       "outputs": [], "source": source} for index in range(cells)],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _written(path: Path, notebook: Dict[str, Any]) -> Path:
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _never_validated(name: str, raw: Dict[str, Any]) -> Any:
    raise AssertionError("nbformat was asked to read a notebook the caps refuse")


def test_WHEN_notebook_file_read_THEN_nbformat_4_node_with_joined_sources(tmp_path: Path) -> None:
    raw = _raw_notebook(2)
    raw["cells"][1]["source"] = ["import os\n", "print(os.name)"]  # nbformat writes sources as lists of lines
    path = _written(tmp_path / "lesson.ipynb", raw)

    notebook = read_notebook(path)

    expected = (4, ["x = 1", "import os\nprint(os.name)"])
    actual = (notebook.nbformat, [cell.source for cell in notebook.cells])
    assert expected == actual


def test_WHEN_text_and_bytes_parsed_THEN_same_notebook() -> None:
    text = nbformat.writes(new_notebook(cells=[new_markdown_cell("# Title"), new_code_cell("x = 1")]))

    expected = parse_notebook(text)
    actual = parse_notebook(b"\xef\xbb\xbf" + text.encode("utf-8"))  # a byte-order mark is tolerated
    assert expected == actual


def test_WHEN_notebook_has_100000_cells_THEN_refused_fast_naming_the_cap_before_nbformat_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _written(tmp_path / "flood.ipynb", _raw_notebook(100_000))
    monkeypatch.setattr(reader, "_validated", _never_validated)
    started = time.monotonic()

    with pytest.raises(NotebookTooLarge) as refused:
        read_notebook(path)

    seconds = time.monotonic() - started
    expected = ("Cannot read the notebook flood.ipynb: 100,000 cells, over the cap of 5,000 cells "
                "(NotebookLimits.max_cells)", "max_cells", True)
    actual = (str(refused.value), refused.value.cap, seconds < REFUSAL_SECONDS)
    assert expected == actual


def test_WHEN_file_over_byte_cap_THEN_refused_naming_the_cap(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _written(tmp_path / "big.ipynb", _raw_notebook(40))
    size = path.stat().st_size
    monkeypatch.setattr(reader, "_validated", _never_validated)

    with pytest.raises(NotebookTooLarge) as refused:
        read_notebook(path, limits=NotebookLimits(max_bytes=1_000))

    expected = (f"Cannot read the notebook big.ipynb: {size:,} bytes, over the cap of 1,000 bytes "
                "(NotebookLimits.max_bytes)")
    actual = str(refused.value)
    assert expected == actual


def test_WHEN_one_cell_over_character_cap_THEN_refused_naming_the_cell_and_the_cap(tmp_path: Path) -> None:
    raw = _raw_notebook(3)
    raw["cells"][2]["source"] = "x" * 100_001
    path = _written(tmp_path / "pasted.ipynb", raw)

    with pytest.raises(NotebookTooLarge) as refused:
        read_notebook(path)

    expected = ("Cannot read the notebook pasted.ipynb (cell 2): 100,001 characters, over the cap of 100,000 "
                "characters (NotebookLimits.max_cell_chars)")
    actual = str(refused.value)
    assert expected == actual


def test_WHEN_notebook_at_the_caps_THEN_read(tmp_path: Path) -> None:
    limits = NotebookLimits(max_cells=3, max_cell_chars=10)
    path = _written(tmp_path / "full.ipynb", _raw_notebook(3, source="x = 12345"))

    expected = 3
    actual = len(read_notebook(path, limits=limits).cells)
    assert expected == actual


@pytest.mark.parametrize("content, reason", [
    (b"{\"cells\": [", "not JSON"),
    (b"\xff\xfe{}", "not UTF-8 text"),
    (b"[1, 2, 3]", "not a notebook: its JSON is not an object"),
    (json.dumps({**_raw_notebook(1), "nbformat": 9}).encode(), "nbformat 9 is not a notebook format nbformat knows"),
    (json.dumps({"cells": [{"cell_type": "code", "source": "x"}], "metadata": {}, "nbformat": 4,
                 "nbformat_minor": 5}).encode(), "not a valid notebook"),
])
def test_WHEN_file_is_not_a_notebook_THEN_unreadable_with_the_reason(tmp_path: Path, content: bytes,
                                                                      reason: str) -> None:
    path = tmp_path / "broken.ipynb"
    path.write_bytes(content)

    with pytest.raises(UnreadableNotebook) as refused:
        read_notebook(path)

    expected = (True, "broken.ipynb", True)
    actual = (refused.value.reason.startswith(reason), refused.value.name, isinstance(refused.value, StylekitError))
    assert expected == actual


def test_WHEN_file_missing_THEN_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableNotebook) as refused:
        read_notebook(tmp_path / "absent.ipynb")

    expected = "Cannot read the notebook absent.ipynb: No such file or directory"
    actual = str(refused.value)
    assert expected == actual


def test_WHEN_version_3_notebook_read_THEN_converted_to_version_4(tmp_path: Path) -> None:
    cells: List[Dict[str, Any]] = [{"cell_type": "code", "input": "x = 1", "language": "python", "metadata": {},
                                    "outputs": [], "collapsed": False}]
    raw = {"metadata": {"name": "old"}, "nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": cells,
                                                                                              "metadata": {}}]}
    path = _written(tmp_path / "old.ipynb", raw)

    notebook = read_notebook(path)

    expected = (4, ["x = 1"])
    actual = (notebook.nbformat, [cell.source for cell in notebook.cells])
    assert expected == actual


def test_WHEN_version_3_notebook_over_cell_cap_THEN_its_worksheets_cells_counted(tmp_path: Path) -> None:
    cells = [{"cell_type": "code", "input": "x = 1", "metadata": {}, "outputs": []} for _ in range(4)]
    path = _written(tmp_path / "old.ipynb", {"metadata": {}, "nbformat": 3, "nbformat_minor": 0,
                                             "worksheets": [{"cells": cells[:2]}, {"cells": cells[2:]}]})

    with pytest.raises(NotebookTooLarge) as refused:
        read_notebook(path, limits=NotebookLimits(max_cells=3))

    expected = 4
    actual = refused.value.actual
    assert expected == actual
