import ast
from typing import List

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, in_test_code, last_name
from stylekit.rules.base import Rule
from stylekit.rules.testing._shared import self_method_called

# unittest's ways of expecting an exception, replaced by `with pytest.raises(...)` under pytest.
UNITTEST_RAISES = {"assertRaises", "assertRaisesRegex", "assertRaisesRegexp"}
# How pytest.raises is spelled: `import pytest` or `from pytest import raises`.
PYTEST_RAISES = {"pytest.raises", "raises"}
# Exceptions so broad that the test also passes on a TypeError from its own typo.
TOO_BROAD = {"Exception", "BaseException", "builtins.Exception", "builtins.BaseException"}
# Calls that fail a test on purpose when reached: placed in a try body they mean "this should have raised".
FAIL_CALLS = {"pytest.fail", "self.fail", "fail"}


class ExceptionTestStyle(Rule):
    id = "SK0510"
    name = "exception-test-style"
    pattern = "testing.pytest-raises"
    # Error: aws-aio asserts every expected exception with pytest.raises (66 blocks in 55 tests) and never in
    # any of the forms flagged here; a try/except test or pytest.raises(Exception) can pass when the code is
    # broken (CALIBRATION.md).
    severity = Severity.ERROR
    summary = "Expected exceptions are asserted with `with pytest.raises(SpecificError):`."
    node_types = (ast.Try, ast.Call)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Try):
            forces_failure = any(_fails_test(statement) for statement in [*node.body, *node.orelse])
            if node.handlers and forces_failure and in_test_code(self.ctx):
                self.report_at(node.lineno, node.col_offset, "Write 'with pytest.raises(SpecificError):' around "
                                                             "the call instead of try/except with a forced failure")
        elif isinstance(node, ast.Call):
            self._check_call(node)

    def _check_call(self, node: ast.Call) -> None:
        function = node.func
        called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
        if called in UNITTEST_RAISES:
            if self_method_called(node, UNITTEST_RAISES) is not None and in_test_code(self.ctx):
                self.report(node, f"Write 'with pytest.raises(SpecificError):' instead of self.{called}")
        elif called == "raises" and node.args and dotted_name(function) in PYTEST_RAISES:
            self.saw()
            broad = [name for name in _exception_names(node.args[0]) if name in TOO_BROAD]
            narrowed = any(keyword.arg == "match" for keyword in node.keywords)
            if broad and not narrowed and in_test_code(self.ctx):
                self.report(node, f"Name the specific error pytest.raises expects instead of {broad[0]}, which "
                                  f"also catches the test's own mistakes")


def _exception_names(node: ast.expr) -> List[str]:
    """The dotted names in `Error` or `(ErrorA, ErrorB)`."""
    candidates = node.elts if isinstance(node, ast.Tuple) else [node]
    return [name for name in (dotted_name(candidate) for candidate in candidates) if name is not None]


def _fails_test(statement: ast.stmt) -> bool:
    """`assert False`, `pytest.fail(...)` or `raise AssertionError(...)`: the test fails when reached."""
    if isinstance(statement, ast.Assert):
        return isinstance(statement.test, ast.Constant) and not statement.test.value
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        return dotted_name(statement.value.func) in FAIL_CALLS
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        return last_name(statement.exc) == "AssertionError"
    return False
