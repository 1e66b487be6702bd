import ast
from typing import TYPE_CHECKING, Dict, List, Optional, Set

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, body_without_docstring, is_fixture, is_test_function
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Lines of code (blank lines, comments and nested defs not counted) beyond which a function no longer
# fits on one screen: past 50 a reader scrolls to follow one command, and its steps deserve names.
MAX_FUNCTION_LINES = 50

# The nodes this rule judges; lambdas are one expression and never long.
FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
# Definitions inside a function: their lines count towards their own length, and their names are locals.
NESTED_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class LongFunction(Rule):
    id = "SK1107"
    name = "long-function"
    pattern = "api.underscore-helpers"
    # Info: the guide describes splitting commands into helpers as a habit, not a limit, and gives no
    # length; the threshold is the kit's, so the rule suggests rather than insists.
    severity = Severity.INFO
    summary = "Long functions are split into small module-level _helper functions that can be tested alone."
    node_types = FUNCTION_TYPES

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        # per outermost function: names bound anywhere in it, and names it uses as values (not only calls)
        self.bound_names: Dict[ast.AST, Set[str]] = {}
        self.value_names: Dict[ast.AST, Set[str]] = {}

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, FUNCTION_TYPES)
        # the cheap structural questions first: most functions are short and at module or class level
        may_be_long = (node.end_lineno or node.lineno) - node.body[0].lineno >= MAX_FUNCTION_LINES
        is_nested = isinstance(self.ctx.scope, FUNCTION_TYPES)
        if not may_be_long and not is_nested:
            return
        if self.ctx.is_test_file or is_test_function(node) or is_fixture(node):
            return
        if may_be_long:
            self._check_length(node)
        if is_nested:
            self._check_nested(node)

    def _check_length(self, node: FunctionNode) -> None:
        body = body_without_docstring(node)
        if not body or node.end_lineno is None or node.end_lineno - body[0].lineno < MAX_FUNCTION_LINES:
            return
        count = _code_lines(self.ctx.lines, body)
        if count > MAX_FUNCTION_LINES:
            self.report_at(node.lineno, node.col_offset,
                           f"'{node.name}' has {count} lines of code: move self-contained steps into small "
                           f"module-level _helper functions (the kit's limit is {MAX_FUNCTION_LINES})", node.lineno)

    def _check_nested(self, node: FunctionNode) -> None:
        """A nested def that is only called, never handed out, and uses nothing of the functions around it."""
        outermost = self._outermost_function()
        if node.decorator_list or outermost is None or any(
                is_test_function(scope) for scope in self.ctx.enclosing_scopes(self.ctx.scope)):
            return
        if outermost not in self.bound_names:
            self._collect(outermost)
        if node.name in self.value_names[outermost] or _uses_any(node, self.bound_names[outermost]):
            return
        helper = node.name if node.name.startswith("_") else f"_{node.name}"
        self.report_at(node.lineno, node.col_offset,
                       f"'{node.name}' uses nothing from the function around it: define it at module level as "
                       f"'{helper}' so it can be tested alone", node.lineno)

    def _outermost_function(self) -> Optional[ast.AST]:
        functions = [scope for scope in self.ctx.enclosing_scopes(self.ctx.scope) if isinstance(scope, FUNCTION_TYPES)]
        return functions[-1] if functions else None

    def _collect(self, outermost: ast.AST) -> None:
        bound: Set[str] = set()
        values: Set[str] = set()
        called: Set[int] = set()
        for child in ast.walk(outermost):  # breadth first: a call is met before the name it calls
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name):
                called.add(id(child.func))
            elif isinstance(child, ast.Name):
                if not isinstance(child.ctx, ast.Load):
                    bound.add(child.id)
                elif id(child) not in called:
                    values.add(child.id)
            elif isinstance(child, ast.arg):
                bound.add(child.arg)
            elif isinstance(child, NESTED_DEFINITIONS) and child is not outermost:
                bound.add(child.name)
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                bound |= {(alias.asname or alias.name).split(".")[0] for alias in child.names}
            elif isinstance(child, ast.ExceptHandler) and child.name:
                bound.add(child.name)
        self.bound_names[outermost] = bound
        self.value_names[outermost] = values


def _uses_any(node: FunctionNode, names: Set[str]) -> bool:
    """Does the nested def read (or declare nonlocal) any of `names`? Its own parameters and the names it
    assigns are its own locals and do not count."""
    own: Set[str] = set()
    loaded: Set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Nonlocal):
            return True
        if isinstance(child, ast.arg):
            own.add(child.arg)
        elif isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load):
            loaded.add(child.id)
        elif isinstance(child, ast.Name):
            own.add(child.id)
    return bool((loaded - own) & names)


def _code_lines(lines: List[str], body: List[ast.stmt]) -> int:
    """Lines holding code between the first and the last statement, nested defs and classes left out."""
    skipped: Set[int] = set()
    for statement in body:
        if isinstance(statement, NESTED_DEFINITIONS) and statement.end_lineno is not None:
            skipped.update(range(statement.lineno, statement.end_lineno + 1))
    last = body[-1].end_lineno or body[-1].lineno
    count = 0
    for number in range(body[0].lineno, last + 1):
        text = lines[number - 1].strip() if number <= len(lines) else ""
        if text and not text.startswith("#") and number not in skipped:
            count += 1
    return count
