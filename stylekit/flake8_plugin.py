"""flake8 runs the kit's rules through this plugin: `flake8 --select SK`.

flake8 hands over the lines it read; the kit checks them with the same engine and the settings of the
nearest `[tool.stylekit]`, so `stylekit lint` and flake8 report the same findings.
"""
import ast
import logging
from pathlib import Path
from typing import Iterator, List, Tuple, Type

from stylekit import __version__
from stylekit.engine import check_source
from stylekit.settings import Settings, settings_for

logger = logging.getLogger(__name__)


class StylekitFlake8Plugin:
    name = "stylekit"
    version = __version__

    def __init__(self, tree: ast.AST, filename: str, lines: List[str]) -> None:
        self._filename = filename
        self._lines = lines

    def run(self) -> Iterator[Tuple[int, int, str, Type["StylekitFlake8Plugin"]]]:
        settings = Settings() if self._filename in ("stdin", "-") else settings_for(Path(self._filename))
        report = check_source("".join(self._lines), path=self._filename, settings=settings)
        for finding in report.findings:
            # flake8 columns are 0-based; the kit's are 1-based like an editor's.
            yield finding.line, finding.column - 1, f"{finding.rule} {finding.message}", type(self)
