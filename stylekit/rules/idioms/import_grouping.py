import ast
import os
import sys
from functools import lru_cache
from typing import TYPE_CHECKING, FrozenSet, List, Union

from stylekit.findings import Severity
from stylekit.rules.base import Rule
from stylekit.rules.context import importable_names
from stylekit.settings import SOURCE_FOLDERS, project_root

if TYPE_CHECKING:
    pass

ImportNode = Union[ast.Import, ast.ImportFrom]

# The groups in the order the guide wants them; __future__ must come first anyway (the compiler insists).
FUTURE, STANDARD_LIBRARY, THIRD_PARTY, LOCAL = range(4)
GROUP_NAMES = ("__future__", "standard-library", "third-party", "local")
STANDARD_MODULES = frozenset(sys.stdlib_module_names)


class ImportGrouping(Rule):
    id = "SK0603"
    name = "import-grouping"
    pattern = "idioms.import-order"
    # Warning: 46 of 54 reference source files and 25 of 47 test files group their imports (CALIBRATION.md).
    severity = Severity.WARNING
    summary = "Imports come in groups, standard library, third-party, local, with one blank line between groups."

    def finish(self) -> None:
        block: List[ImportNode] = []
        for statement in self.ctx.tree.body:
            if not isinstance(statement, (ast.Import, ast.ImportFrom)):
                self._check_block(block)
                block = []
            elif block and self.ctx.is_notebook and self._blank_line_between(block[-1], statement):
                # Joined notebook cells are separated by a blank line, and cell boundaries are not known
                # here: only imports written together without a blank line are surely in one cell.
                self._check_block(block)
                block = [statement]
            else:
                block.append(statement)
        self._check_block(block)

    def _check_block(self, block: List[ImportNode]) -> None:
        if len(block) < 2:
            return
        groups = [self._group(statement) for statement in block]
        highest = groups[0]
        for statement, group in zip(block[1:], groups[1:]):
            if group < highest:
                self.report(statement, _order_message(statement, group, highest))
                return  # fix the order first: blank lines between misplaced groups mean nothing yet
            highest = group
        for previous, statement, before, group in zip(block, block[1:], groups, groups[1:]):
            if group != before and not self._blank_line_between(previous, statement):
                self.report(statement, f"Put one blank line between the {GROUP_NAMES[before]} imports and the "
                                       f"{GROUP_NAMES[group]} imports")

    def _group(self, statement: ImportNode) -> int:
        if isinstance(statement, ast.ImportFrom):
            if statement.level > 0:
                return LOCAL
            module = statement.module or ""
        else:
            module = statement.names[0].name
        top = module.split(".", 1)[0]
        if top == "__future__":
            return FUTURE
        # A project's own top-level package shadows a standard module of the same name (a Django app
        # called 'calendar'), since the project root comes first on sys.path; a file's neighbours do not.
        if top in self.ctx.settings.known_local or top in self._project_modules():
            return LOCAL
        if top in STANDARD_MODULES:
            return STANDARD_LIBRARY
        if top in self.ctx.local_modules():
            return LOCAL
        return THIRD_PARTY

    def _project_modules(self) -> FrozenSet[str]:
        path = self.ctx.path
        return frozenset() if path is None else _project_modules(os.path.dirname(path) or os.curdir)

    def _blank_line_between(self, previous: ast.stmt, statement: ast.stmt) -> bool:
        end = previous.end_lineno or previous.lineno
        return any(not self.ctx.line_text(number).strip() for number in range(end + 1, statement.lineno))


def _module_of(statement: ImportNode) -> str:
    if isinstance(statement, ast.Import):
        return statement.names[0].name
    return "." * statement.level + (statement.module or "")


def _order_message(statement: ImportNode, group: int, higher: int) -> str:
    message = (f"Move the {GROUP_NAMES[group]} import of '{_module_of(statement)}' up, above the "
               f"{GROUP_NAMES[higher]} imports")
    if group == THIRD_PARTY:
        message += f" (or list '{_module_of(statement).split('.')[0]}' under known-local if it is your own package)"
    return message


@lru_cache(maxsize=256)
def _project_modules(folder: str) -> FrozenSet[str]:
    """Top-level packages and modules of the project around `folder`, found from its root folder."""
    root = project_root(folder)
    if root is None:
        return frozenset()  # not inside a project: only the file's neighbours count as local
    names = set(importable_names(root))
    for source_folder in SOURCE_FOLDERS:
        names |= importable_names(os.path.join(root, source_folder))
    return frozenset(names)
