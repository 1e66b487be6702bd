import ast
from typing import TYPE_CHECKING, FrozenSet, Optional

from stylekit.findings import Severity
from stylekit.rules.api._shared import admits_none, defaulted_parameters, module_aliases
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context


class ImplicitOptional(Rule):
    id = "SK1152"
    name = "implicit-optional"
    pattern = "api.parameters"
    # Warning, not error: the reference code writes `name: str = None` on every None default it has (17 of 17
    # in a calibration sample), and so do the guide's examples. ERRATA.md says not to copy it; the kit teaches
    # the sound form firmly but does not call the house's everyday habit an error.
    severity = Severity.WARNING
    summary = "A parameter defaulting to None is annotated Optional[...], so the annotation admits its default."
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self.aliases: Optional[FrozenSet[str]] = None

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if not node.args.defaults and not node.args.kw_defaults:
            return  # most functions: nothing to judge, and this is the cheap way to find out
        for argument, default in defaulted_parameters(node.args):
            if _is_none(default) and argument.annotation is not None and not self._admits_none(argument):
                annotation = ast.unparse(argument.annotation)
                self.report(argument, f"Write '{argument.arg}: Optional[{annotation}] = None': the annotation "
                                      f"must allow the None default")

    def _admits_none(self, argument: ast.arg) -> bool:
        assert argument.annotation is not None
        if self.aliases is None:
            self.aliases = module_aliases(self.ctx.tree)
        return admits_none(argument.annotation, self.aliases)


def _is_none(default: ast.expr) -> bool:
    return isinstance(default, ast.Constant) and default.value is None
