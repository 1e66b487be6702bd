"""Finding and reading what `stylekit lint` is asked to check: files, notebooks and folders."""
import logging
import os
from pathlib import Path
from typing import Any, Iterator, List, Optional, Sequence

from stylekit.errors import StylekitError, UnreadableSource
from stylekit.findings import StyleReport
from stylekit.lint_cache import CACHE_FOLDER, LintCache
from stylekit.notebooks.reader import MIB, NotebookLimits, UnreadableNotebook, read_notebook
from stylekit.settings import settings_for

logger = logging.getLogger(__name__)

# Folders that hold other people's code or generated files; walking into them would report noise.
SKIPPED_FOLDERS = {".venv", ".venv-newest", "venv", ".git", "__pycache__", "node_modules", "build", "dist", ".tox",
                   ".ipynb_checkpoints", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", CACHE_FOLDER}
CHECKED_SUFFIXES = (".py", ".ipynb")
FILES_PER_PROCESS = 8  # fewer files than this per extra process: starting it costs more than it saves
# A team's own notebooks are linted with their outputs, plots and pasted data and all: only an absurd file is refused,
# not the learner-sized one the kit's default caps (stylekit/notebooks/reader.py) allow.
LINT_NOTEBOOK_LIMITS = NotebookLimits(max_bytes=512 * MIB, max_cells=100_000, max_cell_chars=10_000_000)


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


def check_paths(paths: Sequence[Path], jobs: int = 1, cache: Optional[LintCache] = None) -> List[StyleReport]:
    """Check many files, in order: each one the cache knows unchanged is not checked again, and the rest are
    shared among `jobs` processes when there are enough of them to be worth it."""
    reports: List[Optional[StyleReport]] = [None] * len(paths)
    keys: List[str] = [""] * len(paths)
    for index, path in enumerate(paths):
        if cache is None:
            continue
        try:
            keys[index] = cache.key(path, path.read_bytes(), settings_for(path))
        except (OSError, StylekitError):
            continue  # unreadable or misconfigured: check_path says what is wrong
        reports[index] = cache.get(path, keys[index])
    missing = [index for index, report in enumerate(reports) if report is None]
    for index, report in zip(missing, _check_all([paths[index] for index in missing], jobs)):
        reports[index] = report
        if cache is not None and keys[index]:
            cache.put(paths[index], keys[index], report)
    return [report for report in reports if report is not None]


def _check_all(paths: List[Path], jobs: int) -> List[StyleReport]:
    if jobs <= 1 or len(paths) < FILES_PER_PROCESS * 2:
        return [check_path(path) for path in paths]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from stylekit.rules import all_rules

    all_rules()  # loaded here once, so that every forked process has the engine and the rules already
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
        return list(pool.map(check_path, paths, chunksize=max(1, len(paths) // (jobs * 4))))


def check_path(path: Path) -> StyleReport:
    """Check one file; unreadable or malformed files become a single finding, never an exception."""
    # Imported here: a run whose files all come from the cache never loads the engine and its rules.
    from stylekit.engine import SYNTAX_RULE, check_source, special_finding
    from stylekit.notebook import check_notebook

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
    try:
        return read_notebook(path, limits=LINT_NOTEBOOK_LIMITS)
    except UnreadableNotebook as error:
        raise UnreadableSource(str(path), error.reason)
