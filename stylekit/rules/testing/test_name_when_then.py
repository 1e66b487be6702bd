import ast
import re

from stylekit.findings import Severity
from stylekit.rules.astutil import is_test_function
from stylekit.rules.base import Rule

# test_WHEN_<action>[_AND_<condition>...]_THEN_<result>; the parts themselves are free snake_case.
WHEN_THEN = re.compile(r"^test_WHEN_\w+?_THEN_\w+$")


class TestNameNotWhenThen(Rule):
    __test__ = False  # a rule, not a test: keeps pytest from collecting this class by its name
    id = "SK0502"
    name = "test-name-when-then"
    pattern = "testing.when-then-names"
    # Error: 313 of 315 reference tests follow it (CALIBRATION.md).
    severity = Severity.ERROR
    summary = "Test functions are named test_WHEN_<action>[_AND_<condition>]_THEN_<result>."
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if not is_test_function(node) or not node.name.startswith("test_"):
            return
        self.saw()
        if WHEN_THEN.match(node.name) is None:
            self.report(node, f"Name the test 'test_WHEN_<action>_THEN_<result>' (got '{node.name}')")
