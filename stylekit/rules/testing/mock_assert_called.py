import ast
from typing import Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, in_test_code
from stylekit.rules.base import Rule
from stylekit.rules.testing._shared import asserted_equality

# Mock's own checks of the arguments it was called with; each sees only part of the call history.
# assert_called_once()/assert_not_called() check no arguments and are left alone.
ARGUMENT_CHECKS = {"assert_called_with", "assert_called_once_with", "assert_has_calls", "assert_any_call",
                   "assert_awaited_with", "assert_awaited_once_with", "assert_has_awaits", "assert_any_await"}


class MockAssertCalled(Rule):
    id = "SK0509"
    name = "mock-assert-called"
    pattern = "testing.call-args-list"
    # Warning: the house compares call_args_list throughout, but aws-aio's tests still use
    # assert_called_once_with in places, and these methods do check something (CALIBRATION.md, §5).
    severity = Severity.WARNING
    summary = "Mocks are verified by comparing a list of mock.call(...) with call_args_list."
    node_types = (ast.Call, ast.Assert)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Attribute) and function.attr in ARGUMENT_CHECKS and in_test_code(self.ctx):
                self.report(node, f"Compare a list of mock.call(...) with {_mock_name(function.value)}.call_args_list "
                                  f"instead of {function.attr}, to check every call, their number and order")
        elif isinstance(node, ast.Assert):
            equality = asserted_equality(node)
            if equality is None:
                return
            if any(isinstance(side, ast.Attribute) and side.attr == "call_args_list"
                   for side in (equality.left, equality.right)):
                self.saw()
            for side in (equality.left, equality.right):
                if isinstance(side, ast.Attribute) and side.attr == "call_args" and in_test_code(self.ctx):
                    self.report(node, f"Compare [mock.call(...)] with {_mock_name(side.value)}.call_args_list "
                                      f"instead of call_args, which only holds the last call")
                    return


def _mock_name(node: ast.expr) -> str:
    name: Optional[str] = dotted_name(node)
    return name if name is not None else "the mock"
