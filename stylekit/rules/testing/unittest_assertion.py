import ast

from stylekit.findings import Severity
from stylekit.rules.astutil import in_test_code
from stylekit.rules.base import Rule
from stylekit.rules.testing._shared import self_method_called

# unittest's value-checking methods and the plain assert that replaces each under pytest. assertRaises is
# SK0510's business; Django-only helpers (assertContains, assertRedirects...) have no plain equivalent.
PLAIN_ASSERTS = {
    "assertEqual": "assert expected == actual",
    "assertEquals": "assert expected == actual",
    "assertDictEqual": "assert expected == actual",
    "assertListEqual": "assert expected == actual",
    "assertTupleEqual": "assert expected == actual",
    "assertSetEqual": "assert expected == actual",
    "assertSequenceEqual": "assert expected == actual",
    "assertMultiLineEqual": "assert expected == actual",
    "assertNotEqual": "assert expected != actual",
    "assertTrue": "assert actual",
    "assertFalse": "assert not actual",
    "assertIs": "assert expected is actual",
    "assertIsNot": "assert expected is not actual",
    "assertIsNone": "assert actual is None",
    "assertIsNotNone": "assert actual is not None",
    "assertIn": "assert member in container",
    "assertNotIn": "assert member not in container",
    "assertIsInstance": "assert isinstance(actual, ExpectedType)",
    "assertNotIsInstance": "assert not isinstance(actual, ExpectedType)",
    "assertGreater": "assert actual > bound",
    "assertGreaterEqual": "assert actual >= bound",
    "assertLess": "assert actual < bound",
    "assertLessEqual": "assert actual <= bound",
    "assertAlmostEqual": "assert pytest.approx(expected) == actual",
    "assertNotAlmostEqual": "assert pytest.approx(expected) != actual",
    "assertRegex": "assert re.search(pattern, actual)",
    "assertNotRegex": "assert not re.search(pattern, actual)",
    "assertCountEqual": "assert Counter(expected) == Counter(actual)",
}


class UnittestAssertion(Rule):
    id = "SK0501"
    name = "unittest-assertion"
    pattern = "testing.pytest"
    # Warning: aws-aio's 673 asserts are all plain, but the guide only states a preference and its other
    # reference repository writes Django TestCases with 29 assertEqual calls (CALIBRATION.md).
    severity = Severity.WARNING
    summary = "Tests check values with a plain assert, not with unittest's self.assert* methods."
    node_types = (ast.Call, ast.Assert)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Assert):
            if in_test_code(self.ctx):
                self.saw()  # a plain assert in a test
            return
        assert isinstance(node, ast.Call)
        method = self_method_called(node, PLAIN_ASSERTS)
        if method is not None and in_test_code(self.ctx):
            self.report(node, f"Write a plain '{PLAIN_ASSERTS[method]}' instead of self.{method}(...)")
