import ast
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Calls that create an empty container; each names the comprehension that should replace the loop.
EMPTY_CALLS = {"list", "dict", "set"}
# Methods that add one item, and the container kind each belongs to.
ADDING_METHODS = {"append": "list", "add": "set"}
# Expressions a comprehension cannot hold, or holds with a different meaning.
UNSUITABLE = (ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Await)


class AppendLoop(Rule):
    id = "SK0604"
    name = "append-loop"
    pattern = "idioms.comprehensions"
    # Warning: the reference code uses comprehensions for simple transformations but counts were not taken.
    severity = Severity.WARNING
    summary = "A list, dict or set built by a loop that only appends is a comprehension."
    # The comprehensions are visited only as evidence: code that writes one shows the pattern (the rubric's "met").
    node_types = (ast.Assign, ast.AnnAssign, ast.For, ast.ListComp, ast.DictComp, ast.SetComp)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._empties: Dict[int, Tuple[ast.stmt, str, str]] = {}  # end line -> (statement, name, kind)
        self._loops: List[Tuple[ast.For, str, str]] = []  # (loop, name it fills, kind it builds)

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.For):
            filled = _filled_container(node)
            if filled is not None:
                self._loops.append((node, *filled))
            return
        if isinstance(node, (ast.ListComp, ast.DictComp, ast.SetComp)):
            return
        assert isinstance(node, (ast.Assign, ast.AnnAssign))
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
            getattr(node, "target", None)
        kind = _empty_container(node.value)
        if isinstance(target, ast.Name) and kind is not None:
            self._empties[node.end_lineno or node.lineno] = (node, target.id, kind)

    def finish(self) -> None:
        for loop, name, kind in self._loops:
            previous = self._empties.get(self._line_before(loop.lineno))
            if previous is None:
                continue
            statement, assigned, created = previous
            if (assigned, created) == (name, kind) and statement.col_offset == loop.col_offset:
                self.report(loop, f"Build '{name}' with a {kind} comprehension instead of a loop that fills it")

    def _line_before(self, line: int) -> int:
        """The last line above `line` that holds code (comments and blank lines skipped)."""
        line -= 1
        while line > 0 and self.ctx.line_text(line).strip()[:1] in ("", "#"):
            line -= 1
        return line


def _empty_container(value: Optional[ast.expr]) -> Optional[str]:
    if isinstance(value, ast.List) and not value.elts:
        return "list"
    if isinstance(value, ast.Dict) and not value.keys:
        return "dict"
    if isinstance(value, ast.Call) and not value.args and not value.keywords:
        called = dotted_name(value.func)
        return called if called in EMPTY_CALLS else None
    return None


def _filled_container(loop: ast.For) -> Optional[Tuple[str, str]]:
    """(name, kind) when the loop's only work is adding one item to a container, optionally behind one if."""
    if loop.orelse or len(loop.body) != 1:
        return None
    statement = loop.body[0]
    condition: Optional[ast.expr] = None
    if isinstance(statement, ast.If):
        if statement.orelse or len(statement.body) != 1:
            return None
        condition, statement = statement.test, statement.body[0]
    filled = _added_item(statement)
    if filled is None:
        return None
    name, kind, parts = filled
    # The container must not be read while it is built ('if x not in seen' deduplicates: no comprehension).
    if any(_mentions(part, name) for part in (*parts, loop.iter, condition) if part is not None):
        return None
    return name, kind


def _added_item(statement: ast.stmt) -> Optional[Tuple[str, str, List[ast.expr]]]:
    """names.append(x) / names.add(x) / names[key] = value: (name, kind, the expressions added)."""
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        call = statement.value
        method = call.func
        one_item = len(call.args) == 1 and not call.keywords and not isinstance(call.args[0], ast.Starred)
        if one_item and isinstance(method, ast.Attribute) and isinstance(method.value, ast.Name):
            kind = ADDING_METHODS.get(method.attr)
            return None if kind is None else (method.value.id, kind, [call.args[0]])
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                and not isinstance(target.slice, ast.Slice):
            return target.value.id, "dict", [target.slice, statement.value]
    return None


def _mentions(expression: ast.expr, name: str) -> bool:
    """Whether the small expression reads `name` or holds something a comprehension cannot."""
    for node in ast.walk(expression):
        if isinstance(node, ast.Name) and node.id == name:
            return True
        if isinstance(node, UNSUITABLE):
            return True
    return False
