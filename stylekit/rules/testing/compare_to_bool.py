import ast
from typing import Optional, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import in_test_code
from stylekit.rules.base import Rule
from stylekit.rules.testing._shared import asserted_equality, short_source


class CompareToBool(Rule):
    id = "SK0551"
    name = "compare-to-bool"
    pattern = "testing.expected-first"
    # Warning: the guide's own example writes `assert True == actual_value` (ERRATA.md) and aws-aio has 32
    # such asserts, so the house does it knowingly; the kit teaches the sound form without calling it an error.
    severity = Severity.WARNING
    summary = "Assert a boolean outcome with `assert actual is True` (or `assert actual`), not `True == actual`."
    node_types = (ast.Assert,)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.Assert)
        equality = asserted_equality(node)
        if equality is None:
            return
        operator = equality.operator
        compared = _bool_and_other(equality.left, equality.right)
        if compared is None or not in_test_code(self.ctx):
            return
        value, other = compared
        subject = short_source(other, "actual")
        negation = "" if operator == "==" else "not "
        truthy = value is (operator == "==")
        plain = f"assert {subject}" if truthy else f"assert not {subject}"
        self.report(node, f"Write 'assert {subject} is {negation}{value}' (or '{plain}') instead of comparing "
                          f"to {value} with {operator}")


def _bool_and_other(left: ast.expr, right: ast.expr) -> Optional[Tuple[bool, ast.expr]]:
    """(True, x) for `True == x` or `x == True`; None when neither side is a bool literal."""
    for side, other in ((left, right), (right, left)):
        if isinstance(side, ast.Constant) and isinstance(side.value, bool):
            return side.value, other
    return None
