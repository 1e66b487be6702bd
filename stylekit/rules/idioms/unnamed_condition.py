import ast
from typing import List, Optional

from stylekit.findings import Severity
from stylekit.rules.base import Rule

# Operands one 'and'/'or' chain may join before a reader has to count them; four is where the
# guide's own example gives up and names the parts.
MAX_OPERANDS = 3


class UnnamedCondition(Rule):
    id = "SK0606"
    name = "unnamed-condition"
    pattern = "idioms.named-conditions"
    # Info: how complex is too complex is a judgement, and the reference code was not measured on it.
    severity = Severity.INFO
    summary = "Complex conditions of if/elif/while are split into well-named variables first."
    node_types = (ast.If, ast.While)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, (ast.If, ast.While))
        problem = _complexity(node.test)
        if problem is not None:
            self.report(node.test, f"Name the parts of this condition ({problem}) in variables, "
                                   f"e.g. 'is_eligible = ...', and test those")


def _complexity(test: ast.expr) -> Optional[str]:
    """Why the condition deserves named parts, or None when it reads at a glance."""
    if not isinstance(_without_not(test), ast.BoolOp):
        return None
    operators: List[type] = []
    operands = 0
    negated_group = False
    pending = [(test, False)]  # (node, whether it sits inside a larger and/or)
    while pending:
        node, nested = pending.pop()
        bare = _without_not(node)
        if isinstance(bare, ast.BoolOp):
            negated_group = negated_group or (nested and bare is not node)
            operators.append(type(bare.op))
            pending.extend((value, True) for value in bare.values)
        else:
            operands += 1
    if len(set(operators)) > 1:
        return "it mixes 'and' with 'or'"
    if negated_group:
        return "it negates a group inside a group"
    if operands > MAX_OPERANDS:
        return f"it joins {operands} tests"
    return None


def _without_not(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node = node.operand
    return node
