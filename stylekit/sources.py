"""Finding and reading what `stylekit lint` is asked to check: files, notebooks and folders."""
import json
import logging
import os
from pathlib import Path
from typing import Any, Iterator, List, Sequence

from stylekit.engine import SYNTAX_RULE, check_source, special_finding
from stylekit.errors import UnreadableSource
from stylekit.findings import StyleReport
from stylekit.notebook import check_notebook
from stylekit.settings import settings_for

logger = logging.getLogger(__name__)

# Folders that hold other people's code or generated files; walking into them would report noise.
SKIPPED_FOLDERS = {".venv", "venv", ".git", "__pycache__", "node_modules", "build", "dist", ".tox",
                   ".ipynb_checkpoints", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"}
CHECKED_SUFFIXES = (".py", ".ipynb")


def discover(paths: Sequence[Path]) -> List[Path]:
    """Files to check, in a stable order: named files as given, folders searched for .py and .ipynb files."""
    found: List[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(_walk_folder(path)))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _walk_folder(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name not in SKIPPED_FOLDERS and not name.endswith(".egg-info")]
        for name in files:
            if name.endswith(CHECKED_SUFFIXES):
                yield Path(root) / name


def check_path(path: Path) -> StyleReport:
    """Check one file; unreadable or malformed files become a single finding, never an exception."""
    display = str(path)
    try:
        settings = settings_for(path)
        if path.suffix == ".ipynb":
            return check_notebook(_read_notebook(path), path=display, settings=settings)
        return check_source(_read_text(path), path=display, settings=settings)
    except UnreadableSource as error:
        return StyleReport(findings=[special_finding(SYNTAX_RULE, str(error), 1, 1, display)], path=display)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableSource(str(path), error.strerror or str(error))
    if b"\0" in data[:8192]:
        raise UnreadableSource(str(path), "it looks like a binary file, not Python source")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableSource(str(path), f"not UTF-8 text ({error.reason} at byte {error.start})")


def _read_notebook(path: Path) -> Any:
    import nbformat  # imported here: it costs over a second, and most lint runs read no notebook

    text = _read_text(path)
    try:
        return nbformat.reads(text, as_version=4)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as error:
        raise UnreadableSource(str(path), f"not a valid notebook ({error})")
    except Exception as error:  # stylekit: ignore[SK0402] nbformat raises many kinds for malformed files
        raise UnreadableSource(str(path), f"not a valid notebook ({type(error).__name__}: {error})")


