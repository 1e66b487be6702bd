"""Small questions about syntax nodes that several rules ask. Keep each one cheap: rules run per keystroke."""
import ast
from typing import TYPE_CHECKING, Optional, Union

if TYPE_CHECKING:
    from stylekit.rules.context import Context

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


def dotted_name(node: ast.AST) -> Optional[str]:
    """'a.b.c' for Name/Attribute chains, the called name for a Call, else None."""
    if isinstance(node, ast.Call):
        node = node.func
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def last_name(node: ast.AST) -> Optional[str]:
    """The final component of a dotted name: 'patch' for mock.patch(...)."""
    name = dotted_name(node)
    return None if name is None else name.rsplit(".", 1)[-1]


def is_test_function(node: ast.AST) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test")


def has_decorator(node: ast.AST, *names: str) -> bool:
    """True when one of the decorators' dotted names ends with one of `names` ('fixture' matches
    @pytest.fixture and @pytest.fixture(scope=...))."""
    for decorator in getattr(node, "decorator_list", ()):
        name = dotted_name(decorator)
        if name is not None and any(name == wanted or name.endswith(f".{wanted}") for wanted in names):
            return True
    return False


def is_fixture(node: ast.AST) -> bool:
    return has_decorator(node, "fixture")


def is_dunder(name: str) -> bool:
    return len(name) > len("____") and name.startswith("__") and name.endswith("__")


def is_constant_name(name: str) -> bool:
    """SCREAMING_SNAKE_CASE, e.g. MAX_TRAFFIC or _DEFAULT_TIMEOUT."""
    stripped = name.lstrip("_")
    return bool(stripped) and stripped.upper() == stripped and any(char.isalpha() for char in stripped)


def is_docstring(statement: ast.stmt) -> bool:
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str))


def body_without_docstring(node: Union[ast.Module, ast.ClassDef, FunctionNode]) -> list:
    body = list(node.body)
    return body[1:] if body and is_docstring(body[0]) else body


def is_stub_body(node: FunctionNode) -> bool:
    """A body of only a docstring, `pass`, `...` or `raise NotImplementedError`: an interface, not code."""
    for statement in body_without_docstring(node):
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
                and statement.value.value is Ellipsis:
            continue
        if isinstance(statement, ast.Raise) and statement.exc is not None \
                and last_name(statement.exc) == "NotImplementedError":
            continue
        return False
    return True


def in_test_code(ctx: "Context") -> bool:
    """True inside a test file, or inside a test function or fixture anywhere (a notebook cell, say).

    Only meaningful while a rule's visit() runs: it reads the scope the engine set for that node.
    """
    if ctx.is_test_file:
        return True
    return any(is_test_function(scope) or is_fixture(scope) or is_test_class(scope)
               for scope in ctx.enclosing_scopes(ctx.scope))


def is_test_class(node: ast.AST) -> bool:
    """A pytest or unittest test class: its methods (setUp included) are test code."""
    return isinstance(node, ast.ClassDef) and node.name.startswith("Test")


def returns_value(function: FunctionNode) -> bool:
    """True when the function returns something other than None or yields: it needs a real return type.

    Walks only the function's own body; nested defs, lambdas and classes return for themselves.
    """
    stack: list = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(node, ast.Return) and node.value is not None:
            returns_none_literal = isinstance(node.value, ast.Constant) and node.value.value is None
            if not returns_none_literal:
                return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False
