import ast
from typing import TYPE_CHECKING

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, in_test_code, is_fixture, is_test_function, returns_value
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Parameters whose type is implied by where they stand; annotating them is noise.
IMPLIED_PARAMETERS = {"self", "cls"}


class MissingAnnotation(Rule):
    id = "SK0201"
    name = "missing-annotation"
    pattern = "types.annotations"
    # Warning, not error: the reference code annotates 210 of 416 functions fully (CALIBRATION.md).
    severity = Severity.WARNING
    summary = "Production functions annotate every parameter, and the return type of what they return."
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if not is_production_function(self.ctx, node):
            return
        self.saw()
        arguments = node.args
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        missing = [argument.arg for argument in every
                   if argument.annotation is None and argument.arg not in IMPLIED_PARAMETERS]
        missing += [f"*{star.arg}" for star in (arguments.vararg, arguments.kwarg)
                    if star is not None and star.annotation is None]
        # A missing `-> None` on a function that returns nothing is SK0251's, at a gentler severity.
        needs_return = node.returns is None and node.name != "__init__" and returns_value(node)
        if missing and needs_return:
            self.report(node, f"'{node.name}' needs annotations on {', '.join(missing)} and a return type")
        elif missing:
            self.report(node, f"'{node.name}' needs annotations on {', '.join(missing)}")
        elif needs_return:
            self.report(node, f"'{node.name}' needs a return annotation for the value it returns")


def is_production_function(ctx: "Context", node: FunctionNode) -> bool:
    """Tests, fixtures and test classes' methods are deliberately unannotated in the house style (CALIBRATION.md)."""
    return not (in_test_code(ctx) or is_test_function(node) or is_fixture(node))
