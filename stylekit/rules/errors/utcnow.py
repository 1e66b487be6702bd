import ast
from typing import TYPE_CHECKING, FrozenSet, Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name
from stylekit.rules.base import Rule
from stylekit.rules.errors._shared import innermost_function

if TYPE_CHECKING:
    from stylekit.rules.context import Context

NAIVE_UTC_CALLS = frozenset({"utcnow", "utcfromtimestamp"})
WATCHED_CALLS = NAIVE_UTC_CALLS | {"now"}
FORMAT_TIME = "formatTime"
ELSEWHERE_MESSAGES = {
    "utcnow": "Use datetime.now(timezone.utc) instead of datetime.utcnow(), which is deprecated since "
              "Python 3.12 and returns a naive datetime",
    "utcfromtimestamp": "Use datetime.fromtimestamp(timestamp, tz=timezone.utc) instead of "
                        "datetime.utcfromtimestamp(), which is deprecated since Python 3.12 and returns "
                        "a naive datetime",
}


class NaiveUtcTimestamp(Rule):
    id = "SK0404"
    name = "utcnow"
    pattern = "errors.utc-formatter"
    # Warning: the guide's own formatter example uses utcnow(), so the house copies it (ERRATA.md); the kit
    # departs from the guide here and says why, rather than failing code that still runs.
    severity = Severity.WARNING
    summary = "UTC times are aware: datetime.now(timezone.utc), and record.created inside a formatter's formatTime."
    node_types = (ast.Call,)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._aliases: Optional[FrozenSet[str]] = None

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in WATCHED_CALLS:
            return
        if not self._is_datetime_class(func.value):
            return
        in_format_time = self._in_format_time()
        if func.attr == "now" and in_format_time:
            self.report(node, _formatter_message("datetime.now", "stamps the moment of formatting, not of the event"))
        elif func.attr in NAIVE_UTC_CALLS and in_format_time:
            self.report(node, _formatter_message(f"datetime.{func.attr}",
                                                 "is deprecated, naive, and ignores when the event happened"))
        elif func.attr in NAIVE_UTC_CALLS:
            self.report(node, ELSEWHERE_MESSAGES[func.attr])

    def _is_datetime_class(self, owner: ast.expr) -> bool:
        """`datetime` in datetime.utcnow(), datetime.datetime.utcnow(), or an alias imported from datetime."""
        name = dotted_name(owner)
        if name is None:
            return False
        return name.rsplit(".", 1)[-1] == "datetime" or name in self._datetime_aliases()

    def _datetime_aliases(self) -> FrozenSet[str]:
        """Names that `from datetime import datetime as dt` binds at the top of the module."""
        if self._aliases is None:
            self._aliases = frozenset(alias.asname for statement in self.ctx.tree.body
                                      if isinstance(statement, ast.ImportFrom) and statement.module == "datetime"
                                      for alias in statement.names
                                      if alias.name == "datetime" and alias.asname is not None)
        return self._aliases

    def _in_format_time(self) -> bool:
        function = innermost_function(self.ctx)
        return function is not None and getattr(function, "name", None) == FORMAT_TIME


def _formatter_message(call: str, problem: str) -> str:
    return (f"Stamp the record's own time with datetime.fromtimestamp(record.created, tz=timezone.utc) "
            f"instead of {call}(), which {problem}")
