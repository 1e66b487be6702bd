import ast

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, last_name
from stylekit.rules.base import Rule
from stylekit.rules.meta._shared import attribute_read, positional_parameters

# Calls that look at what `other` is before its attributes are read: any of them guards the comparison.
TYPE_GUARDS = frozenset({"isinstance", "type", "hasattr"})
# Exceptions whose handler turns the AttributeError of a foreign `other` into an answer.
CATCHES_WRONG_TYPE = frozenset({"AttributeError", "Exception"})


class UnsafeEq(Rule):
    id = "SK1204"
    name = "unsafe-eq"
    pattern = "meta.equality"
    # Error: comparing such an object with None or a string raises AttributeError instead of returning False,
    # a crash waiting in any `in` test or dictionary lookup; ERRATA.md flags the guide's own example for it.
    severity = Severity.ERROR
    summary = "__eq__ returns NotImplemented for other types before it reads the other object's attributes."
    node_types = (ast.FunctionDef,)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.FunctionDef)
        scope = self.ctx.scope
        parameters = positional_parameters(node)
        if node.name != "__eq__" or not isinstance(scope, ast.ClassDef) or len(parameters) < 2:
            return
        other = parameters[1]
        read = attribute_read(node, other)
        if read is None or _is_guarded(node, other):
            return
        self.report_at(node.lineno, node.col_offset,
                       f"Begin with 'if not isinstance({other}, {scope.name}): return NotImplemented' before reading "
                       f"{other}.{read.attr}")


def _is_guarded(method: ast.FunctionDef, other: str) -> bool:
    """True when the method checks what `other` is, or catches the AttributeError a wrong type raises."""
    return any(_guards(child, other) for child in ast.walk(method))


def _guards(node: ast.AST, other: str) -> bool:
    """True for a type check on `other`, a handler for the AttributeError, or an `if` that asks a helper
    about `other` (`if not self._comparable(other): return NotImplemented`)."""
    if isinstance(node, ast.If):
        return any(isinstance(call, ast.Call) and any(_is_name(argument, other) for argument in call.args)
                   for call in ast.walk(node.test))
    if isinstance(node, ast.Call):
        return dotted_name(node.func) in TYPE_GUARDS and bool(node.args) and _is_name(node.args[0], other)
    if isinstance(node, ast.Attribute):
        return node.attr == "__class__" and _is_name(node.value, other)
    if isinstance(node, ast.ExceptHandler):
        if node.type is None:
            return True  # a bare except catches the AttributeError too
        caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        return any(last_name(name) in CATCHES_WRONG_TYPE for name in caught)
    return False


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
