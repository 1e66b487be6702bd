import ast
from typing import Optional

from stylekit.findings import Severity
from stylekit.rules.base import Rule

# Characters a conditional expression adds around its three parts: ' = ', ' if ' and ' else '.
TERNARY_PUNCTUATION = len(" = ") + len(" if ") + len(" else ")


class IfElseAssignment(Rule):
    id = "SK0607"
    name = "if-else-assignment"
    pattern = "idioms.conditional-assignment"
    # Warning: the trigger is exact (one assignment per branch, same name, fits on a line), but the
    # reference code's use of if/else assignments was not counted.
    severity = Severity.WARNING
    summary = "A name assigned in both branches of an if/else is assigned once with a conditional expression."
    # A conditional expression is visited only as evidence: code that writes one shows the pattern (the rubric's
    # "met"), even with no if statement left in it.
    node_types = (ast.If, ast.IfExp)

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.IfExp):
            return
        assert isinstance(node, ast.If)
        if len(node.body) != 1 or len(node.orelse) != 1 or self._is_elif(node):
            return  # part of an if/elif chain, or more than one statement per branch: not a two-way choice
        name = _assigned_name(node.body[0])
        if name is None or name != _assigned_name(node.orelse[0]) or self._has_comment(node):
            return
        body, other = node.body[0], node.orelse[0]
        assert isinstance(body, ast.Assign) and isinstance(other, ast.Assign)
        widths = [_width(part) for part in (node.test, body.value, other.value)]
        if None in widths or isinstance(body.value, ast.IfExp) or isinstance(other.value, ast.IfExp):
            return  # a part spread over lines, or a nested conditional, would not read better
        line_width = node.col_offset + len(name) + TERNARY_PUNCTUATION + sum(width or 0 for width in widths)
        if line_width <= self.ctx.settings.line_length:
            self.report(node, f"Assign '{name}' once: {name} = <value> if <condition> else <other value>")

    def _is_elif(self, node: ast.If) -> bool:
        """The last 'elif ... else' of a chain is an If of its own; only the source text tells."""
        return self.ctx.line_text(node.lineno)[node.col_offset:].startswith("elif")

    def _has_comment(self, node: ast.If) -> bool:
        """A comment inside the branches would be lost in the one-line form."""
        end = node.end_lineno or node.lineno
        return any(self.ctx.comment_on_line(line) is not None for line in range(node.lineno, end + 1))


def _assigned_name(statement: ast.stmt) -> Optional[str]:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
            and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id
    return None


def _width(expression: ast.expr) -> Optional[int]:
    """Width of a one-line expression in the source, None when it spans lines."""
    if expression.end_lineno != expression.lineno or expression.end_col_offset is None:
        return None
    return expression.end_col_offset - expression.col_offset
