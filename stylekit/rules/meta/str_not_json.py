import ast
from typing import Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, last_name
from stylekit.rules.base import Rule
from stylekit.rules.meta._shared import attribute_read, positional_parameters

# String methods that assemble text from pieces, like an f-string does.
TEXT_BUILDERS = frozenset({"format", "join"})
# Operators that glue or interpolate strings: "a" + b, "%s" % b.
TEXT_OPERATORS = (ast.Add, ast.Mod)


class StrNotJson(Rule):
    id = "SK1207"
    name = "str-not-json"
    pattern = "meta.str-json"
    # Info: a hand-made __str__ is not wrong, it only repeats the field list that to_dict already keeps, and
    # the two drift apart when a field is added; the guide shows the json.dumps form as its habit, not a rule.
    severity = Severity.INFO
    summary = "A class with to_dict() prints itself with json.dumps(self.to_dict()), not a hand-built string."
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ClassDef)
        methods = {statement.name: statement for statement in node.body if isinstance(statement, ast.FunctionDef)}
        printer = methods.get("__str__")
        if printer is None or "to_dict" not in methods:
            return
        built = _hand_built_text(printer)
        if built is not None:
            self.report_at(printer.lineno, printer.col_offset,
                           f"Return json.dumps(self.to_dict()) from '{node.name}.__str__' instead of formatting "
                           f"{built} by hand")


def _hand_built_text(printer: FunctionNode) -> Optional[str]:
    """'self.<field>' when __str__ formats a field into text itself and never goes through to_dict or dumps."""
    parameters = positional_parameters(printer)
    if not parameters:
        return None
    receiver = parameters[0]
    found: Optional[str] = None
    for child in ast.walk(printer):
        if _goes_through_json(child):
            return None
        if found is None and _builds_text(child):
            read = attribute_read(child, receiver)
            if read is not None:
                found = f"{receiver}.{read.attr}"
    return found


def _goes_through_json(node: ast.AST) -> bool:
    """self.to_dict() or json.dumps(...): the object is printed from its dictionary."""
    return (isinstance(node, ast.Attribute) and node.attr == "to_dict") or last_name(node) == "dumps"


def _builds_text(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_BUILDERS
    return (isinstance(node, ast.BinOp) and isinstance(node.op, TEXT_OPERATORS)
            and (_is_text(node.left) or _is_text(node.right)))


def _is_text(operand: ast.expr) -> bool:
    """A string literal, an f-string or str(...): the operand that makes + and % string operations."""
    if isinstance(operand, ast.Constant):
        return isinstance(operand.value, str)
    return isinstance(operand, ast.JoinedStr) or (isinstance(operand, ast.Call) and last_name(operand) == "str")
