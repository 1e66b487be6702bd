import ast

from stylekit.findings import Severity
from stylekit.rules.astutil import in_test_code, is_constant_name, last_name
from stylekit.rules.base import Rule
from stylekit.rules.testing._shared import asserted_equality, is_actual_name, short_source

# Calls that build an expectation rather than run the code under test: mock.call(...), pytest.approx(...).
EXPECTATION_BUILDERS = {"call", "approx"}


class AssertExpectedFirst(Rule):
    id = "SK0505"
    name = "assert-expected-first"
    pattern = "testing.expected-first"
    # Error: 658 of aws-aio's 673 bare asserts put the expected value first, 8 are reversed (CALIBRATION.md).
    severity = Severity.ERROR
    summary = "Assertions read `assert expected == actual`: the expected value on the left."
    node_types = (ast.Assert,)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.Assert)
        equality = asserted_equality(node)
        if equality is None:
            return
        if in_test_code(self.ctx):
            self.saw()
        reversed_order = _looks_actual(equality.left) and not _looks_expected(equality.left)
        if reversed_order and _looks_expected(equality.right) and in_test_code(self.ctx):
            expected = short_source(equality.right, "expected")
            actual = short_source(equality.left, "actual")
            self.report(node, f"Put the expected value first: assert {expected} {equality.operator} {actual}")


def _looks_actual(node: ast.expr) -> bool:
    """What the code under test produced: actual_*/result* names, calls, and attributes or items of them."""
    if isinstance(node, ast.Name):
        return is_actual_name(node.id)
    if isinstance(node, ast.Call):
        return last_name(node.func) not in EXPECTATION_BUILDERS
    if isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute) and _is_expected_name(node.attr):
            return False
        root: ast.expr = node
        while isinstance(root, (ast.Attribute, ast.Subscript)):
            root = root.value
        return not (isinstance(root, ast.Name) and _is_expected_name(root.id))
    return False


def _looks_expected(node: ast.expr) -> bool:
    """A value written out in the test: a literal (not True/False/None, SK0551's business), a display, an
    expected_* name or a constant such as TEST_ORDER or Status.PAID."""
    if isinstance(node, ast.Constant):
        return node.value is not None and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float, complex))
    if isinstance(node, (ast.JoinedStr, ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return True
    if isinstance(node, ast.Name):
        return _is_expected_name(node.id)
    if isinstance(node, ast.Attribute):
        return _is_expected_name(node.attr)
    return False


def _is_expected_name(name: str) -> bool:
    return name.lower().startswith("expected") or is_constant_name(name)
