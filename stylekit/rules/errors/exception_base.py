import ast
import builtins
from typing import TYPE_CHECKING, Dict, List, Optional, Set

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, last_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Every exception class Python defines, so that `class Late(TimeoutError)` is known to be an exception.
BUILTIN_EXCEPTIONS = frozenset(name for name, value in vars(builtins).items()
                               if isinstance(value, type) and issubclass(value, BaseException))
# Names that end like these are exceptions by every convention in the guide and the standard library.
EXCEPTION_SUFFIXES = ("Error", "Exception")


class ExceptionBase(Rule):
    id = "SK0401"
    name = "exception-base"
    pattern = "errors.custom-exceptions"
    # Error: all 41 reference exceptions derive from Exception and pass their message to super().__init__
    # (CALIBRATION.md).
    severity = Severity.ERROR
    summary = "Custom exceptions derive from Exception and hand their message to super().__init__()."
    node_types = (ast.ClassDef,)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._classes: List[ast.ClassDef] = []

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ClassDef)
        self._classes.append(node)

    def finish(self) -> None:
        for node in _exception_classes(self._classes):
            for base in node.bases:
                if last_name(base) == "BaseException":
                    self.report(base, f"Derive {node.name} from Exception (or one of its subclasses): BaseException "
                                      f"is for exits such as KeyboardInterrupt that `except Exception` must not catch")
            self._check_init(node)

    def _check_init(self, node: ast.ClassDef) -> None:
        methods = {statement.name: statement for statement in node.body
                   if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))}
        init = methods.get("__init__")
        # A class with its own __str__ decides its message there; __init__ need not pass it on. An __init__
        # without parameters has no message to lose.
        if init is None or "__str__" in methods or not _has_parameters(init):
            return
        calls = _init_calls(init)
        if not calls and _sets_args(init):
            return  # assigning self.args is what BaseException.__init__ would do: the message still reaches str()
        if not calls:
            stores_message = any(isinstance(child, ast.Attribute) and child.attr == "message"
                                 and isinstance(child.ctx, ast.Store)
                                 for statement in init.body for child in ast.walk(statement))
            advice = ("instead of storing it in self.message" if stores_message
                      else "so that str(error), tracebacks and logs show it")
            self._report_def(init, f"Build the message of {node.name} in __init__ and pass it to "
                                   f"super().__init__(message) {advice}")
        elif all(not call.args and not call.keywords for call in calls):
            self._report_def(init, f"Pass the message to super().__init__(message) in {node.name}: "
                                   f"called with no arguments it leaves str(error) empty")

    def _report_def(self, node: FunctionNode, message: str) -> None:
        self.report_at(node.lineno, node.col_offset, message, node.lineno,
                       len(self.ctx.line_text(node.lineno).rstrip()))


def _is_init_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__"


def _init_calls(init: FunctionNode) -> List[ast.Call]:
    """The `super().__init__(...)`/`Base.__init__(self, ...)` calls of an __init__. They almost always stand as
    statements of their own at the top of the body, so look there first and walk the whole body only if not."""
    calls: List[ast.AST] = [statement.value for statement in init.body
                            if isinstance(statement, ast.Expr) and _is_init_call(statement.value)]
    if not calls:
        calls = [child for statement in init.body for child in ast.walk(statement) if _is_init_call(child)]
    return [call for call in calls if isinstance(call, ast.Call)]


def _sets_args(init: FunctionNode) -> bool:
    return any(isinstance(child, ast.Attribute) and child.attr == "args" and isinstance(child.ctx, ast.Store)
               for statement in init.body for child in ast.walk(statement))


def _exception_classes(classes: List[ast.ClassDef]) -> List[ast.ClassDef]:
    """The classes that derive, directly or through other classes of the same module, from an exception."""
    by_name: Dict[str, ast.ClassDef] = {node.name: node for node in classes}
    known: Set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, node in by_name.items():
            if name not in known and any(_is_exception_name(last_name(base), known) for base in node.bases):
                known.add(name)
                changed = True
    return [node for node in classes if node.name in known]


def _is_exception_name(name: Optional[str], local_exceptions: Set[str]) -> bool:
    return name is not None and (name in BUILTIN_EXCEPTIONS or name in local_exceptions
                                 or name.endswith(EXCEPTION_SUFFIXES))


def _has_parameters(function: FunctionNode) -> bool:
    arguments = function.args
    named = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return len(named) > 1 or arguments.vararg is not None or arguments.kwarg is not None
