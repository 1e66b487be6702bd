import ast
from typing import Optional

from stylekit.findings import Severity
from stylekit.rules.api._shared import defaulted_parameters
from stylekit.rules.astutil import last_name
from stylekit.rules.base import Rule

# Calls that build a mutable container, and what the message calls it: as a default, that one container
# is built once, when the def runs, and shared by every call.
MUTABLE_FACTORIES = {"list": "list", "dict": "dict", "set": "set", "bytearray": "bytearray",
                     "defaultdict": "dict", "OrderedDict": "dict", "Counter": "dict", "deque": "deque"}
# Literal forms of the same containers.
MUTABLE_LITERALS = {ast.List: "list", ast.ListComp: "list", ast.Dict: "dict", ast.DictComp: "dict",
                    ast.Set: "set", ast.SetComp: "set"}


class MutableDefault(Rule):
    id = "SK1102"
    name = "mutable-default"
    pattern = "api.parameters"
    # Error: one object shared by all calls is a real bug that surfaces far from its cause; ERRATA.md lists
    # the guide's own `= []` defaults among the examples not to copy.
    severity = Severity.ERROR
    summary = "Optional parameters default to None and build their list or dict inside, never share a mutable default."
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        if not node.args.defaults and not node.args.kw_defaults:
            return  # most functions: nothing to judge, and this is the cheap way to find out
        for argument, default in defaulted_parameters(node.args):
            kind = _mutable_kind(default)
            if kind is not None:
                self.report(default, f"Default '{argument.arg}' to None (typed Optional[...]) and create the "
                                     f"{kind} inside the function: this one {kind} is shared by every call")


def _mutable_kind(default: ast.expr) -> Optional[str]:
    if isinstance(default, ast.Call):
        return MUTABLE_FACTORIES.get(last_name(default.func) or "")
    return MUTABLE_LITERALS.get(type(default))
