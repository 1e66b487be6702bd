"""Questions several §5 rules ask: is this node test code, and does a name hold the actual outcome?"""
import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Collection, Optional

from stylekit.rules.astutil import FunctionNode, is_test_function

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Prefixes the house gives the variable that holds the outcome of the code under test (actual_value).
ACTUAL_PREFIXES = ("actual", "result")
# Longest piece of the learner's code quoted in a message; longer ones are named generically.
MAX_QUOTED_CHARS = 40


def enclosing_test_function(ctx: "Context") -> Optional[FunctionNode]:
    """The innermost def around the visited node when it is a test function (not a helper or fixture)."""
    for scope in ctx.enclosing_scopes(ctx.scope):
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return scope if is_test_function(scope) else None
    return None


def is_actual_name(name: str) -> bool:
    """actual_value, actual, result, results_by_id: names that hold what the code under test produced."""
    return name.lower().startswith(ACTUAL_PREFIXES)


@dataclass
class Equality:
    """The two sides of `assert left == right` or `assert left != right`."""

    left: ast.expr
    operator: str  # "==" or "!="
    right: ast.expr


def asserted_equality(node: ast.Assert) -> Optional[Equality]:
    """The comparison an assert makes when it is a single == or !=, else None."""
    test = node.test
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    operator = {ast.Eq: "==", ast.NotEq: "!="}.get(type(test.ops[0]))
    if operator is None:
        return None
    return Equality(left=test.left, operator=operator, right=test.comparators[0])


def self_method_called(node: ast.Call, methods: Collection[str]) -> Optional[str]:
    """'assertEqual' for `self.assertEqual(...)` when that name is among `methods`, else None."""
    function = node.func
    if not isinstance(function, ast.Attribute) or function.attr not in methods:
        return None
    receiver = function.value
    return function.attr if isinstance(receiver, ast.Name) and receiver.id == "self" else None


def short_source(node: ast.AST, fallback: str) -> str:
    """The node as code when it is short enough to quote in a one-line message, else `fallback`."""
    text = ast.unparse(node)
    return text if len(text) <= MAX_QUOTED_CHARS else fallback
