import ast
from typing import List, Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, is_constant_name, is_docstring, is_fixture, is_test_function
from stylekit.rules.base import Rule
from stylekit.rules.docs._shared import Number, is_explained, is_explanation, numeric_value

# A constant of 0 or 1 is a start, an identity or a flag: there is no unit or choice to explain.
PLAIN_CONSTANT_VALUES = (0, 1)
# Numbers that read as themselves in a comparison: empty/one/sentinel, halves and doubles, percentages.
PLAIN_COMPARISON_VALUES = (0, 1, -1, 2, 100)
# HTTP status codes compared with a status or code attribute are a well-known vocabulary, not magic numbers.
HTTP_STATUS_CODES = range(100, 600)
# A number written in hex, octal or binary is a bit pattern or a code point: its spelling is its meaning.
BASE_PREFIXES = ("0x", "0o", "0b")
FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)


class UndocumentedConstant(Rule):
    id = "SK0303"
    name = "undocumented-constant"
    pattern = "docs.magic-numbers"
    # Info: only 14 of 57 reference constants carry an inline comment, 11 more one above (CALIBRATION.md).
    severity = Severity.INFO
    summary = "Numeric constants carry a comment giving unit and reason; numbers in comparisons get a name."
    node_types = (ast.Module, ast.Compare)

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Module):
            # A test's literal values are its data, not magic numbers (CALIBRATION.md).
            if not self.ctx.is_test_file:
                self._check_constants(node.body)
        elif isinstance(node, ast.Compare):
            self._check_comparison(node)

    def _check_constants(self, body: List[ast.stmt]) -> None:
        for index, statement in enumerate(body):
            value = _constant_value(statement)
            if value is None or value in PLAIN_CONSTANT_VALUES:
                continue
            target = _constant_target(statement)
            if target is None or is_explained(self.ctx, statement) or self._under_heading(body, index):
                continue
            self.report_at(statement.lineno, statement.col_offset,
                           f"Add an inline comment to {target.id} giving its unit and why {value} was chosen",
                           statement.lineno, target.end_col_offset)

    def _under_heading(self, body: List[ast.stmt], index: int) -> bool:
        """True when the constant at body[index] belongs to a run of constants on consecutive lines whose first
        one has an explanation directly above: a comment block, or a string statement ending on the line above
        (the triple-quoted prose some modules put over a constant; a module's docstring does not count)."""
        while True:
            statement = body[index]
            previous = body[index - 1] if index > 0 else None
            if is_explanation(self.ctx.comment_above(statement.lineno)):
                return True
            if previous is None or previous.end_lineno != statement.lineno - 1:
                return False
            if is_docstring(previous):
                return index > 1
            if _constant_target(previous) is None:
                return False
            index -= 1

    def _check_comparison(self, node: ast.Compare) -> None:
        operands: List[ast.expr] = [node.left, *node.comparators]
        magic = _first_magic_literal(operands)
        if magic is None or self.ctx.is_test_file or not self._in_production_function():
            return
        others = [operand for operand in operands if numeric_value(operand) is None]
        if not others or any(_is_version_info(other) for other in others):
            return
        value = numeric_value(magic)
        if isinstance(value, int) and value in HTTP_STATUS_CODES and any(_is_status(other) for other in others):
            return
        if self._is_bit_pattern(magic) or is_explained(self.ctx, magic):
            return
        self.report(magic, f"Name {value} as a module-level constant whose comment says why this value, "
                           f"or explain it in a comment on this line")

    def _is_bit_pattern(self, literal: ast.expr) -> bool:
        spelling = self.ctx.line_text(literal.lineno).encode("utf-8")[literal.col_offset:].lstrip(b"-+ ")
        return spelling[:2].decode("ascii", errors="replace").lower() in BASE_PREFIXES

    def _in_production_function(self) -> bool:
        scopes = self.ctx.enclosing_scopes(self.ctx.scope)
        if any(is_test_function(scope) or is_fixture(scope) for scope in scopes):
            return False
        return any(isinstance(scope, FUNCTION_TYPES) for scope in scopes)


def _constant_value(statement: ast.stmt) -> Optional[Number]:
    """The number a one-target assignment gives, or None (for other values and other statements)."""
    if isinstance(statement, ast.Assign):
        return numeric_value(statement.value) if len(statement.targets) == 1 else None
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return numeric_value(statement.value)
    return None


def _constant_target(statement: ast.stmt) -> Optional[ast.Name]:
    """The name a module-level SCREAMING_CASE assignment binds, whatever its value; None for other statements."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target: ast.expr = statement.targets[0]
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        target = statement.target
    else:
        return None
    return target if isinstance(target, ast.Name) and is_constant_name(target.id) else None


def _first_magic_literal(operands: List[ast.expr]) -> Optional[ast.expr]:
    for operand in operands:
        value = numeric_value(operand)
        if value is not None and value not in PLAIN_COMPARISON_VALUES:
            return operand
    return None


def _base_name(node: ast.AST) -> Optional[str]:
    """The dotted name under any subscripts: 'sys.version_info' for sys.version_info[0]."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return dotted_name(node)


def _is_version_info(node: ast.AST) -> bool:
    name = _base_name(node)
    return name is not None and "version_info" in name


def _is_status(node: ast.AST) -> bool:
    """`response.status_code`, `status`, `error.code`: names under which an HTTP status is compared."""
    name = _base_name(node)
    if name is None:
        return False
    last = name.rsplit(".", 1)[-1].lower()
    return "status" in last or last == "code" or last.endswith("_code")
