import ast
from itertools import pairwise
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Set, Tuple

from stylekit.findings import Severity
from stylekit.rules.base import Rule
from stylekit.rules.errors._shared import catches_everything, handler_calls, handler_nodes, log_method, mentions

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Levels that report a failure; two of them for one caught exception log the same failure twice.
FAILURE_LEVELS = frozenset({"error", "exception", "critical", "fatal"})
# Levels at which an unforeseen failure's traceback is usually wanted but not included by default.
TRACEBACK_LEVELS = frozenset({"error", "critical", "fatal"})
EXCEPTION_OUTSIDE_MESSAGE = ("Use logger.error(...) here: logger.exception(...) belongs in an except block, "
                             "and here there is no exception whose traceback it could show")


class LogLevelMisuse(Rule):
    id = "SK0405"
    name = "log-level-misuse"
    pattern = "errors.log-levels"
    # Warning: the guide's own example logs one failure twice (ERRATA.md), so the habit is in the house;
    # each of these costs a traceback or adds noise rather than breaking anything.
    severity = Severity.WARNING
    summary = "One logger.exception(...) per caught failure, with its traceback; exception() only inside except blocks."
    node_types = (ast.ExceptHandler, ast.Call)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._exception_calls: List[Tuple[ast.Call, Optional[ast.AST]]] = []  # every logger.exception(...), its scope
        self._handled: Set[int] = set()  # ids of the logger.exception(...) calls that run inside an except block

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.ExceptHandler):
            self._check_handler(node)
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "exception" and log_method(node) is not None:
                self._exception_calls.append((node, self.ctx.scope))

    def finish(self) -> None:
        """logger.exception(...) outside any except block: at module level, or right before a new raise."""
        unhandled = {id(call): scope for call, scope in self._exception_calls if id(call) not in self._handled}
        for scope in set(unhandled.values()):
            if scope is None:
                self._check_module_level(unhandled)
            elif isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._check_exception_before_raise(scope.body)

    def _check_module_level(self, unhandled: Dict[int, Optional[ast.AST]]) -> None:
        for statement in _outside_handlers(self.ctx.tree.body):
            if _logs_exception(statement) and id(getattr(statement, "value", None)) in unhandled:
                self.report(statement, EXCEPTION_OUTSIDE_MESSAGE)

    def _check_handler(self, node: ast.ExceptHandler) -> None:
        logs = [(call, method) for call in handler_calls(node) for method in [log_method(call)] if method]
        self._handled.update(id(call) for call, method in logs if method == "exception")
        for call, _ in logs:
            self._check_redundant_str(call, node.name)
        failures = [statement.value for statement in node.body if isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Call) and log_method(statement.value) in FAILURE_LEVELS]
        # Records that carry the caught error itself; a second line of advice ("check your token") is not one.
        reports = [call for call in failures
                   if log_method(call) == "exception" or _mentions_in_arguments(call, node.name)]
        if len(reports) > 1:
            for call in reports[1:]:
                self.report(call, "Log this failure once: one logger.exception(...) carries both the message "
                                  "and the traceback")
            return
        if node.name is None or not catches_everything(node) or _reraises(node):
            return
        if any(method == "exception" or _has_exc_info(call) for call, method in logs):
            return
        for call, method in logs:
            if method in TRACEBACK_LEVELS and _mentions_in_arguments(call, node.name):
                self.report(call, f"Use logger.exception(...) instead of logger.{method}(...) so the traceback "
                                  f"of this unexpected failure is logged with the message")

    def _check_redundant_str(self, call: ast.Call, name: Optional[str]) -> None:
        for argument in call.args:
            for value in _formatted_values(argument):
                plain = value.conversion == -1 and value.format_spec is None  # {str(x)!r} and {str(x):>8} differ
                if plain and _is_str_of(value.value, name):
                    self.report(value.value, f"Write {{{name}}} instead of {{str({name})}}: "
                                             f"an f-string already calls str()")

    def _check_exception_before_raise(self, body: List[ast.stmt]) -> None:
        """logger.exception(...) right before raising a new exception, outside any except block."""
        for block in _blocks(body):
            for statement, following in pairwise(block):
                if _logs_exception(statement) and isinstance(following, ast.Raise) and following.exc is not None:
                    self.report(statement, EXCEPTION_OUTSIDE_MESSAGE)


def _formatted_values(node: ast.AST) -> Iterator[ast.FormattedValue]:
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield part


def _is_str_of(node: ast.expr, name: Optional[str]) -> bool:
    """True for `str(<name>)` exactly."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id != "str":
        return False
    arguments = [*node.args, *node.keywords]
    return len(arguments) == 1 and isinstance(arguments[0], ast.Name) and arguments[0].id == name


def _mentions_in_arguments(call: ast.Call, name: Optional[str]) -> bool:
    return any(mentions(argument, name) for argument in [*call.args, *(kw.value for kw in call.keywords)])


def _has_exc_info(call: ast.Call) -> bool:
    return any(keyword.arg == "exc_info" for keyword in call.keywords)


def _reraises(node: ast.ExceptHandler) -> bool:
    """The handler raises again (bare `raise` or a new error): the traceback will be reported further up."""
    return any(isinstance(child, ast.Raise) for child in handler_nodes(node))


def _logs_exception(statement: ast.stmt) -> bool:
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
            and log_method(statement.value) == "exception")


def _blocks(body: List[ast.stmt]) -> Iterator[List[ast.stmt]]:
    """The statement lists of a body that run outside any except block: not handlers, finally, nested defs."""
    pending = [body]
    while pending:
        block = pending.pop()
        yield block
        for statement in block:
            if isinstance(statement, (ast.If, ast.For, ast.AsyncFor, ast.While)):
                pending.extend([statement.body, statement.orelse])
            elif isinstance(statement, (ast.With, ast.AsyncWith)):
                pending.append(statement.body)
            elif isinstance(statement, (ast.Try, ast.TryStar)):
                pending.extend([statement.body, statement.orelse])
            elif isinstance(statement, ast.Match):
                pending.extend(case.body for case in statement.cases)


def _outside_handlers(body: List[ast.stmt]) -> Iterator[ast.stmt]:
    for block in _blocks(body):
        yield from block
