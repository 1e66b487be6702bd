import ast
import os
import re
from functools import lru_cache
from typing import List

from stylekit.findings import Severity
from stylekit.rules.base import Rule
from stylekit.rules.idioms._shared import snake_case

# Lower-case letters, digits and underscores: importable as written (digits first only in files
# loaded by name, such as Django's 0001_initial.py migrations).
SNAKE_CASE = re.compile(r"^[a-z0-9_]+$")
# Files whose names Python or pytest fix; the author has no say in them.
FIXED_NAMES = {"__init__.py", "__main__.py", "conftest.py"}
# A module file that code names in a string, as a relative path: 'fleet/route_plans.py'. Code that is not a module
# file itself (a notebook cell, a snippet) lays out modules this way when it writes or generates them.
# Glob patterns ('*.py', 'tests/test_?.py') name no module and are left alone.
NAMED_MODULE_FILE = re.compile(r"^(?:[^\s/\\'\"*?\[\]{}]+/)*[^\s/\\'\"*?\[\]{}]+\.py$")


class ModuleName(Rule):
    id = "SK0103"
    name = "module-name"
    pattern = "organization.package-naming"
    # Warning: renaming a published module breaks its importers, so existing names are a migration,
    # not an emergency; the reference code's packages are all snake_case.
    severity = Severity.WARNING
    summary = "Module files and the packages they sit in have snake_case names."
    node_types = (ast.Constant,)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        """In a notebook or a snippet without a file of its own, judge the module files the code names."""
        if self.ctx.path is not None and not self.ctx.is_notebook:
            return
        assert isinstance(node, ast.Constant)
        if not isinstance(node.value, str) or NAMED_MODULE_FILE.match(node.value) is None:
            return
        *folders, file_name = node.value.split("/")
        self.saw()
        wrong = _wrong_names(file_name, [folder for folder in reversed(folders) if folder not in (".", "..")])
        if wrong:
            self.report(node, f"Rename the {' and the '.join(wrong)} (snake_case)")

    def finish(self) -> None:
        path = self.ctx.path
        if path is None or self.ctx.is_notebook or not path.endswith(".py"):
            return
        folder, file_name = os.path.split(path)
        self.saw()
        wrong = _wrong_names(file_name, _enclosing_packages(folder))
        if wrong:
            self.report_at(1, 0, f"Rename the {' and the '.join(wrong)} (snake_case)")


def _wrong_names(file_name: str, packages: List[str]) -> List[str]:
    """What to rename, innermost first: the module (unless Python or pytest fixes its name), then its packages."""
    wrong: List[str] = []
    if file_name not in FIXED_NAMES and SNAKE_CASE.match(file_name[:-3]) is None:
        wrong.append(f"module '{file_name[:-3]}' to '{snake_case(file_name[:-3])}'")
    for package in packages:
        if SNAKE_CASE.match(package) is None:
            wrong.append(f"package '{package}' to '{snake_case(package)}'")
    return wrong


def _enclosing_packages(folder: str) -> List[str]:
    """Names of the folders around a file that hold an __init__.py, innermost first: the dotted import path.

    The walk stops at the first plain folder, so a project's checkout folder ('aws-aio') is never judged.
    """
    names: List[str] = []
    folder = os.path.abspath(folder or os.curdir)
    while _is_package(folder):
        parent, name = os.path.split(folder)
        if parent == folder:
            break  # the file system's root
        names.append(name)
        folder = parent
    return names


@lru_cache(maxsize=512)
def _is_package(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, "__init__.py"))
