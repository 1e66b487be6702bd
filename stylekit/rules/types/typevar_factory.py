import ast
from typing import Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, has_decorator, last_name
from stylekit.rules.base import Rule

# Factories named from_dict, from_json, from_row...: the alternative constructors the guide types with a TypeVar.
FACTORY_PREFIX = "from_"
# Classes nobody subclasses (enums with members, @final classes): a TypeVar would buy them nothing.
FINAL_BASES = {"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"}


class TypeVarFactory(Rule):
    id = "SK0202"
    name = "typevar-factory"
    pattern = "types.typevar-factories"
    # Info: the reference code writes from_dict on 6 of 28 dataclasses, and the guide itself shows one
    # from_dict returning the concrete class name (CALIBRATION.md); the kit teaches the TypeVar form gently.
    severity = Severity.INFO
    summary = "from_* classmethods annotate cls as Type[T] and return T, T a TypeVar bound to the class."
    node_types = (ast.ClassDef,)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ClassDef)
        methods = [statement for statement in node.body
                   if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))]
        factories = [method for method in methods
                     if method.name.startswith(FACTORY_PREFIX) and has_decorator(method, "classmethod")]
        if not factories or self.ctx.is_test_file or _cannot_be_subclassed(node):
            return
        self.saw()
        for factory in factories:
            self._check_factory(node.name, factory)

    def _check_factory(self, class_name: str, method: FunctionNode) -> None:
        positional = [*method.args.posonlyargs, *method.args.args]
        cls_annotated = bool(positional) and positional[0].annotation is not None
        advice = f"annotate 'cls: Type[T]' and return 'T', with T = TypeVar(\"T\", bound=\"{class_name}\")"
        if method.returns is None and not cls_annotated:
            self.report(method, f"Type the factory '{method.name}': {advice}")
        elif method.returns is not None and _names_class(method.returns, class_name):
            self.report(method.returns, f"'{method.name}' returns '{class_name}' even when called on a subclass: "
                                        f"{advice}")


def _cannot_be_subclassed(node: ast.ClassDef) -> bool:
    return has_decorator(node, "final") or any(last_name(base) in FINAL_BASES for base in node.bases)


def _names_class(annotation: ast.expr, class_name: str) -> bool:
    """True for `Order`, `"Order"` and `Optional[Order]` when the class is Order."""
    if isinstance(annotation, ast.Subscript) and last_name(annotation.value) == "Optional":
        return _names_class(annotation.slice, class_name)
    return _plain_name(annotation) == class_name


def _plain_name(annotation: ast.expr) -> Optional[str]:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value.strip()
    return annotation.id if isinstance(annotation, ast.Name) else None
