"""Questions the §4 rules share: is a call a logging call, and what runs inside an except block."""
import ast
from typing import TYPE_CHECKING, Iterator, List, Optional

from stylekit.rules.astutil import last_name

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# The methods of logging.Logger (and module-level functions of logging) that emit a record.
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"})
# Handlers catching these catch everything, so the failure is unforeseen and its traceback matters.
BROAD_EXCEPTIONS = frozenset({"Exception", "BaseException"})
# Code defined inside an except block runs later, when that exception is no longer being handled.
DEFERRED_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ExceptHandler)
FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def log_method(call: ast.Call) -> Optional[str]:
    """'error' for logger.error(...), self._logger.error(...) or logging.error(...); None for other calls."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in LOG_METHODS:
        return None
    owner = last_name(func.value)
    if owner is None:
        return None
    plain = owner.lstrip("_").lower()
    return func.attr if plain in ("log", "logging") or plain.endswith("logger") else None


def handler_nodes(handler: ast.ExceptHandler) -> Iterator[ast.AST]:
    """Every node that runs while the handler's exception is handled: its body, minus nested defs,
    classes, lambdas and nested except blocks (those are visited as handlers of their own)."""
    stack: List[ast.AST] = list(handler.body)
    while stack:
        node = stack.pop()
        if isinstance(node, DEFERRED_TYPES):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def handler_calls(handler: ast.ExceptHandler) -> List[ast.Call]:
    return [node for node in handler_nodes(handler) if isinstance(node, ast.Call)]


def mentions(node: ast.AST, name: Optional[str]) -> bool:
    """True when the expression reads the variable `name` anywhere inside it."""
    if name is None:
        return False
    return any(isinstance(child, ast.Name) and child.id == name for child in ast.walk(node))


def catches_everything(handler: ast.ExceptHandler) -> bool:
    """`except:`, `except Exception:`, `except BaseException:`, or a tuple holding one of them."""
    if handler.type is None:
        return True
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(last_name(item) in BROAD_EXCEPTIONS for item in caught)


def innermost_function(ctx: "Context") -> Optional[ast.AST]:
    """The def (or lambda) around the node being visited, or None at module and class level."""
    for scope in ctx.enclosing_scopes(ctx.scope):
        if isinstance(scope, FUNCTION_TYPES):
            return scope
    return None

