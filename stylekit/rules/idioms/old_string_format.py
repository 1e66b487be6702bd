import ast
from typing import TYPE_CHECKING, List, Optional, Set, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, is_constant_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Where a .format() call on a literal is old style; at module or class level it renders a template once
# at import time, which the guide recommends (docs.format-templates).
FUNCTION_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class OldStringFormat(Rule):
    id = "SK0605"
    name = "old-string-format"
    pattern = "idioms.f-strings"
    # Error: the reference code writes 319 f-strings against 3 .format calls and no % formatting (CALIBRATION.md).
    severity = Severity.ERROR
    summary = "Strings are built with f-strings, not % formatting, .format() on a literal, or + concatenation."
    node_types = (ast.BinOp, ast.Call)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        # (a + chain, the + nodes inside it, whether it could be one f-string)
        self._concatenations: List[Tuple[ast.BinOp, List[ast.BinOp], bool]] = []

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Call):
            self._visit_call(node)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            template = _literal_text(node.left)
            if template is not None and "%" in template and _fits_in_f_string(node.right):
                self.report(node, "Write an f-string instead of formatting with %")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            operands, inner = _flatten_sum(node)
            if not any(_is_text(operand) or _is_str_call(operand) for operand in operands):
                return  # arithmetic, or values of unknown type: nothing says this builds text
            values = [operand for operand in operands if _is_value(operand)]
            convertible = bool(values) and all(_fits_in_f_string(value) for value in values) \
                and not _is_wrapped(operands)
            self._concatenations.append((node, inner, convertible))

    def finish(self) -> None:
        # A chain a + b + c is judged whole, at its outermost +, never piece by piece.
        nested: Set[int] = {id(inner) for _, inners, _ in self._concatenations for inner in inners}
        for node, _, convertible in self._concatenations:
            if convertible and id(node) not in nested:
                self.report(node, "Write one f-string instead of joining strings and values with +")

    def _visit_call(self, call: ast.Call) -> None:
        method = call.func
        if not isinstance(method, ast.Attribute) or method.attr != "format" or _literal_text(method.value) is None:
            return
        if not isinstance(self.ctx.scope, FUNCTION_SCOPES) or method.value.lineno != method.value.end_lineno:
            return
        unpacked = any(isinstance(argument, ast.Starred) for argument in call.args) \
            or any(keyword.arg is None for keyword in call.keywords)
        arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
        if not unpacked and all(_fits_in_f_string(argument) for argument in arguments):
            self.report(call, "Write an f-string instead of calling .format() on a string literal")


def _literal_text(node: ast.AST) -> Optional[str]:
    """The text of a plain string literal, None for anything else (f-strings included)."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _is_str_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and dotted_name(node.func) == "str" and len(node.args) == 1


def _is_value(node: ast.AST) -> bool:
    """Something computed at run time. Repeated literals ('=' * width) are layout, and a SCREAMING_CASE
    name is a constant: joining constants composes a longer constant, it formats no value."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        return False
    if isinstance(node, ast.Name) and is_constant_name(node.id):
        return False
    return not isinstance(node, (ast.Constant, ast.JoinedStr))


def _flatten_sum(node: ast.BinOp) -> Tuple[List[ast.expr], List[ast.BinOp]]:
    """The operands of a + b + c, left to right, and the inner + nodes."""
    operands: List[ast.expr] = []
    inner: List[ast.BinOp] = []
    pending: List[ast.expr] = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add):
            if current is not node:
                inner.append(current)
            pending.extend((current.right, current.left))
        else:
            operands.append(current)
    return operands, inner


def _is_wrapped(operands: List[ast.expr]) -> bool:
    """True when the chain breaks the line between two of its parts: it lays out a block of text piece by
    piece (a report, a prompt), which one f-string would only make harder to read."""
    return any(following.lineno > (preceding.end_lineno or preceding.lineno)
               for preceding, following in zip(operands, operands[1:]))


def _fits_in_f_string(expression: ast.expr) -> bool:
    """Before Python 3.12 a backslash cannot appear inside an f-string's braces ('\\n'.join(lines))."""
    for node in ast.walk(expression):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\\" in repr(node.value)[1:-1]:
            return False
    return True
