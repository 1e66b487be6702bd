import ast
from typing import TYPE_CHECKING, Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Standard-library command-line parsers that Click replaces.
PARSER_MODULES = {"argparse", "optparse", "getopt"}


class ArgparseCli(Rule):
    id = "SK0703"
    name = "argparse-cli"
    pattern = "tooling.click-cli"
    # Warning: every command-line tool of the reference code uses Click, but a script that predates the
    # rule keeps working; moving it is worthwhile, not urgent.
    severity = Severity.WARNING
    summary = "Command-line interfaces are built with Click, not argparse or by reading sys.argv."
    node_types = (ast.Import, ast.ImportFrom, ast.Subscript)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._first_argv: Optional[ast.Subscript] = None

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self._check_module(node, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module is not None:
                self._check_module(node, node.module)
        elif isinstance(node, ast.Subscript) and _reads_argument(node):
            first = self._first_argv
            if first is None or (node.lineno, node.col_offset) < (first.lineno, first.col_offset):
                self._first_argv = node

    def finish(self) -> None:
        if self._first_argv is not None:
            self.report(self._first_argv, "Declare the command's arguments with Click (@click.command, "
                                          "@click.argument, @click.option) instead of reading sys.argv")

    def _check_module(self, node: ast.stmt, module: str) -> None:
        top = module.split(".", 1)[0]
        if top in PARSER_MODULES:
            self.report(node, f"Build the command line with Click (@click.command, @click.option) instead of {top}")


def _reads_argument(node: ast.Subscript) -> bool:
    """sys.argv[1] or sys.argv[i]: one argument picked by hand. sys.argv[0] is the program's name and
    sys.argv[1:] passes the arguments on; neither parses anything."""
    if dotted_name(node.value) != "sys.argv":
        return False
    index = node.slice
    if isinstance(index, ast.Slice):
        return False
    return not (isinstance(index, ast.Constant) and index.value == 0)
