import ast
from typing import TYPE_CHECKING, FrozenSet, List, Optional, Tuple

from stylekit.findings import Severity
from stylekit.rules.api._shared import admits_none, module_aliases
from stylekit.rules.astutil import last_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.engine import Context

# Calls that build a mutable container, and what the message calls it: as a default, that one container
# is built once, when the def runs, and shared by every call.
MUTABLE_FACTORIES = {"list": "list", "dict": "dict", "set": "set", "bytearray": "bytearray",
                     "defaultdict": "dict", "OrderedDict": "dict", "Counter": "dict", "deque": "deque"}
# Literal forms of the same containers.
MUTABLE_LITERALS = {ast.List: "list", ast.ListComp: "list", ast.Dict: "dict", ast.DictComp: "dict",
                    ast.Set: "set", ast.SetComp: "set"}


class ParameterDefaults(Rule):
    id = "SK1102"
    name = "parameter-defaults"
    pattern = "api.parameters"
    # Error: a mutable default is a real bug (one object shared by all calls), and an implicit Optional is
    # rejected by mypy's default settings; ERRATA.md lists both among the guide's examples not to copy.
    severity = Severity.ERROR
    summary = "Optional parameters default to None with an Optional[...] annotation, never to a mutable object."
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self.aliases: Optional[FrozenSet[str]] = None

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        if not node.args.defaults and not node.args.kw_defaults:
            return  # most functions: nothing to judge, and this is the cheap way to find out
        for argument, default in _defaulted(node.args):
            kind = _mutable_kind(default)
            if kind is not None:
                self.report(default, f"Default '{argument.arg}' to None (typed Optional[...]) and create the "
                                     f"{kind} inside the function: this one {kind} is shared by every call")
            elif _is_none(default) and argument.annotation is not None and not self._admits_none(argument):
                annotation = ast.unparse(argument.annotation)
                self.report(argument, f"Write '{argument.arg}: Optional[{annotation}] = None': the annotation "
                                      f"must allow the None default")

    def _admits_none(self, argument: ast.arg) -> bool:
        assert argument.annotation is not None
        if self.aliases is None:
            self.aliases = module_aliases(self.ctx.tree)
        return admits_none(argument.annotation, self.aliases)


def _defaulted(arguments: ast.arguments) -> List[Tuple[ast.arg, ast.expr]]:
    """(parameter, default) pairs; positional defaults belong to the last positional parameters."""
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = list(zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults))
    pairs += [(argument, default) for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults)
              if default is not None]
    return pairs


def _mutable_kind(default: ast.expr) -> Optional[str]:
    if isinstance(default, ast.Call):
        return MUTABLE_FACTORIES.get(last_name(default.func) or "")
    return MUTABLE_LITERALS.get(type(default))


def _is_none(default: ast.expr) -> bool:
    return isinstance(default, ast.Constant) and default.value is None
