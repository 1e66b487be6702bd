import ast
from typing import Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, dotted_name, in_test_code
from stylekit.rules.base import Rule
from stylekit.rules.errors._shared import LOG_METHODS, handler_calls, innermost_function, mentions

GET_LOGGER = frozenset({"logging.getLogger", "getLogger"})
ROOT_LOG_CALLS = frozenset(f"logging.{method}" for method in LOG_METHODS)
WATCHED_NAMES = LOG_METHODS | {"getLogger"}  # the last name of every call this rule looks into
# Printing a traceback to stderr is diagnostics that bypasses the logging configuration, like print().
TRACEBACK_PRINTERS = frozenset({"traceback.print_exc", "traceback.print_exception"})
ROOT_MESSAGE = ("Log through a module-level logger = logging.getLogger(__name__) (logger.info(...)) "
                "instead of the root logger")
HOIST_MESSAGE = "Create the logger once at module level (logger = logging.getLogger(__name__)) and use it here"
PRINT_MESSAGE = ("Log the failure with logger.exception(...) instead of printing it, so it reaches the logs "
                 "with its traceback")


class ModuleLogger(Rule):
    id = "SK0403"
    name = "module-logger"
    pattern = "errors.module-logger"
    # Warning: 38 of 54 reference modules define `logger = logging.getLogger(__name__)` (CALIBRATION.md);
    # the house aims for it everywhere but does not hold every module to it.
    severity = Severity.WARNING
    summary = "Diagnostics go through one module-level logger: no root-logger calls, local loggers or printed errors."
    node_types = (ast.Call, ast.ExceptHandler)

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Call):
            self._check_call(node)
        elif isinstance(node, ast.ExceptHandler):
            self._check_prints(node)

    def _check_call(self, node: ast.Call) -> None:
        func = node.func
        attribute = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if attribute not in WATCHED_NAMES:
            return
        name = dotted_name(func)
        if name in ROOT_LOG_CALLS:
            self.report(node, ROOT_MESSAGE)
        elif name in GET_LOGGER:
            self._check_get_logger(node)
        elif isinstance(func, ast.Attribute) and _is_one_off_logger(func.value):
            # logging.getLogger("billing").info(...) inside a function: a logger fetched to log one line
            if innermost_function(self.ctx) is not None:
                self.report(node, HOIST_MESSAGE)

    def _check_get_logger(self, node: ast.Call) -> None:
        """Inside a function: getLogger(__name__), or `log = getLogger("billing")` followed by `log.info(...)`.
        Fetching a logger in a function to configure it (setLevel, addHandler) is fine."""
        function = innermost_function(self.ctx)
        if function is None:
            return
        if _names_own_module(node):
            self.report(node, HOIST_MESSAGE)
        elif isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            variable = _assigned_name(function, node)
            if variable is not None and _logs_through(function, variable):
                self.report(node, HOIST_MESSAGE)

    def _check_prints(self, node: ast.ExceptHandler) -> None:
        # Learners print in notebooks, and tests may print what they check.
        if self.ctx.is_notebook or in_test_code(self.ctx):
            return
        for call in handler_calls(node):
            name = dotted_name(call.func)
            printed_error = name == "print" and any(
                mentions(argument, node.name) for argument in [*call.args, *(kw.value for kw in call.keywords)])
            if printed_error or name in TRACEBACK_PRINTERS:
                self.report(call, PRINT_MESSAGE)


def _assigned_name(function: FunctionNode, value: ast.Call) -> Optional[str]:
    """The variable that `<name> = <value>` binds somewhere in the function, if the call is assigned so."""
    for statement in function.body:
        for child in ast.walk(statement):
            if isinstance(child, ast.Assign) and child.value is value and len(child.targets) == 1:
                target = child.targets[0]
                return target.id if isinstance(target, ast.Name) else None
    return None


def _logs_through(function: FunctionNode, variable: str) -> bool:
    """True when the function calls `<variable>.info(...)` or another log method on that variable."""
    return any(isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
               and child.func.attr in LOG_METHODS and isinstance(child.func.value, ast.Name)
               and child.func.value.id == variable
               for statement in function.body for child in ast.walk(statement))


def _is_get_logger(node: ast.Call) -> bool:
    return dotted_name(node.func) in GET_LOGGER


def _is_one_off_logger(node: ast.expr) -> bool:
    """The `logging.getLogger("orders")` of `logging.getLogger("orders").info(...)`: fetched to log one line.
    (With __name__ it is reported on its own, as a module logger fetched inside a function.)"""
    return isinstance(node, ast.Call) and _is_get_logger(node) and not _names_own_module(node)


def _names_own_module(node: ast.Call) -> bool:
    return len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id == "__name__"
