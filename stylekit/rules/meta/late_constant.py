import ast
from typing import Iterator, List, Optional, Set, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import is_constant_name, last_name
from stylekit.rules.base import Rule

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Typing constructs read like constants but declare types; they often stand beside the class they describe.
TYPE_DECLARATIONS = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple", "NewType", "NamedTuple", "TypedDict",
                               "TypeAlias"})


class LateConstant(Rule):
    id = "SK1201"
    name = "late-constant"
    pattern = "meta.module-constants"
    # Warning: the guide is plain about where constants go and moving one is a safe edit; constants that
    # cannot move up (they use a function or class defined above them) are never flagged.
    severity = Severity.WARNING
    summary = "Module-level constants stand at the top of the module, right after the imports."

    def finish(self) -> None:
        # Notebook cells are joined, so a constant in a later cell is not late; test files keep their bulky
        # data at the end on purpose (guide §5, Test Data Organization).
        if self.ctx.is_notebook or self.ctx.is_test_file:
            return
        body = self.ctx.tree.body
        first = next((index for index, statement in enumerate(body) if isinstance(statement, DEFINITIONS)), None)
        if first is None:
            return
        late = body[first:]
        bound_late = {name for statement in late for name in _bound_names(statement)}
        for statement in late:
            for target, name in _constant_targets(statement):
                if not _depends_on(statement, bound_late):
                    self.report(target, f"Move {name} up to the top of the module, right after the imports")


def _constant_targets(statement: ast.stmt) -> List[Tuple[ast.Name, str]]:
    """The SCREAMING_CASE names a module-level assignment binds, unless it declares a type."""
    value: Optional[ast.expr]
    if isinstance(statement, ast.Assign):
        targets, value = statement.targets, statement.value
    elif isinstance(statement, ast.AnnAssign):
        if last_name(statement.annotation) == "TypeAlias":
            return []
        targets, value = [statement.target], statement.value
    else:
        return []
    if value is None or _declares_type(value):
        return []
    return [(name, name.id) for name in _names(targets) if is_constant_name(name.id)]


def _declares_type(value: ast.expr) -> bool:
    return isinstance(value, ast.Call) and last_name(value) in TYPE_DECLARATIONS


def _names(targets: List[ast.expr]) -> Iterator[ast.Name]:
    for target in targets:
        if isinstance(target, ast.Name):
            yield target
        elif isinstance(target, (ast.Tuple, ast.List)):
            yield from _names(list(target.elts))


def _bound_names(statement: ast.stmt) -> Set[str]:
    """Names a module-level statement defines: defs, classes, assignment targets and imports."""
    if isinstance(statement, DEFINITIONS):
        return {statement.name}
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
    if isinstance(statement, ast.Assign):
        return {name.id for name in _names(statement.targets)}
    if isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        return {name.id for name in _names([statement.target])}
    return set()


def _depends_on(statement: ast.stmt, names: Set[str]) -> bool:
    """True when the assignment reads a name bound only after the first def or class: it cannot move above them."""
    return any(isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load) and child.id in names
               for child in ast.walk(statement))
