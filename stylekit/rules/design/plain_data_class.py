import ast
from typing import List, Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, body_without_docstring, dotted_name
from stylekit.rules.base import Rule
from stylekit.rules.design._shared import methods_of

# One stored value makes a wrapper; two or more make a record, which is what a dataclass is for.
MIN_COPIED_FIELDS = 2
# Methods a record may carry and still be a dataclass as it stands: the ones a dataclass generates or that
# convert it to and from other shapes. Any other method is behaviour, and the class is left alone.
RECORD_DUNDERS = frozenset({"__init__", "__repr__", "__str__", "__eq__", "__ne__", "__hash__",
                            "__lt__", "__le__", "__gt__", "__ge__"})
CONVERSION_PREFIXES = ("to_", "from_")


class PlainDataClass(Rule):
    id = "SK0801"
    name = "plain-data-class"
    pattern = "design.dataclasses"
    # Warning: the house models its data as dataclasses throughout, and the trigger is narrow (a class that is
    # nothing but an __init__ copying its parameters), so a hit is almost always a real record.
    severity = Severity.WARNING
    summary = "A class whose __init__ only copies its parameters to attributes is written as a @dataclass."
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ClassDef)
        if node.decorator_list or node.keywords or not all(dotted_name(base) == "object" for base in node.bases):
            return
        methods = methods_of(node)
        initializer = methods.get("__init__")
        if initializer is None or not all(_is_record_method(name) for name in methods):
            return
        fields = _copied_parameters(initializer)
        if fields is not None and len(fields) >= MIN_COPIED_FIELDS:
            self.report_at(node.lineno, node.col_offset,
                           f"Make '{node.name}' a @dataclass with the fields {', '.join(fields)} "
                           f"instead of copying them in __init__")


def _is_record_method(name: str) -> bool:
    return name in RECORD_DUNDERS or name.startswith(CONVERSION_PREFIXES)


def _copied_parameters(initializer: FunctionNode) -> Optional[List[str]]:
    """The parameters, in order, when __init__ does nothing but `self.<p> = <p>` for every one of them."""
    arguments = initializer.args
    positional = [*arguments.posonlyargs, *arguments.args]
    if arguments.vararg is not None or arguments.kwarg is not None or not positional:
        return None
    receiver = positional[0].arg
    parameters = [argument.arg for argument in [*positional[1:], *arguments.kwonlyargs]]
    copied: List[str] = []
    for statement in body_without_docstring(initializer):
        copied_name = _copied_name(statement, receiver)
        if copied_name is None or copied_name in copied or copied_name not in parameters:
            return None
        copied.append(copied_name)
    if sorted(copied) != sorted(parameters) or any(name.startswith("_") for name in copied):
        return None
    return parameters


def _copied_name(statement: ast.stmt, receiver: str) -> Optional[str]:
    """'p' for `self.p = p` or `self.p: T = p`; None for anything else."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, value = statement.targets[0], statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        target, value = statement.target, statement.value
    else:
        return None
    if not isinstance(target, ast.Attribute) or not isinstance(value, ast.Name):
        return None
    on_receiver = isinstance(target.value, ast.Name) and target.value.id == receiver
    return target.attr if on_receiver and value.id == target.attr else None
