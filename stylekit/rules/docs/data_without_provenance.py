import ast
from typing import List, Optional, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import is_docstring, is_dunder
from stylekit.rules.base import Rule
from stylekit.rules.docs._shared import is_explanation, numeric_value

# "Large" literal data: a table someone typed in or pasted from a source, rather than a few settings.
MIN_DATA_LINES = 10  # lines spanned by the literal, opening to closing bracket
MIN_DATA_ELEMENTS = 20  # top-level items (list entries or dict keys), however they are laid out
CONTAINER_TYPES = (ast.List, ast.Tuple, ast.Set, ast.Dict)


class DataWithoutProvenance(Rule):
    id = "SK0306"
    name = "data-without-provenance"
    pattern = "docs.provenance-comments"
    # Info: the comment's content cannot be judged by a linter, only its presence; the house writes
    # such comments above its derived data but does not count them (CALIBRATION.md), so this is a nudge.
    severity = Severity.INFO
    summary = "A large literal data table at module level has a comment above it saying where the data came from."
    node_types = (ast.Module,)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.Module)
        # Test data is made up for the test; it has no source to cite.
        if self.ctx.is_test_file:
            return
        body = node.body
        for index, statement in enumerate(body):
            assigned = _assigned(statement)
            if assigned is None or not _is_data_table(assigned[1]):
                continue
            name, value = assigned
            following = body[index + 1] if index + 1 < len(body) else None
            documented_after = following is not None and is_docstring(following)
            if documented_after or self._has_provenance(statement, value):
                continue
            self.report_at(statement.lineno, statement.col_offset,
                           f"Add a comment above {name} saying where this data came from "
                           f"(e.g. '# Source: <document or link>')")

    def _has_provenance(self, statement: ast.stmt, value: ast.expr) -> bool:
        """A comment directly above, at the end of the opening line, or heading the literal's first entry."""
        if is_explanation(self.ctx.comment_above(statement.lineno)):
            return True
        if is_explanation(self.ctx.comment_on_line(statement.lineno)):
            return True
        first_inner = self.ctx.line_text(value.lineno + 1).lstrip()
        return value.end_lineno != value.lineno and first_inner.startswith("#")


def _assigned(statement: ast.stmt) -> Optional[Tuple[str, ast.expr]]:
    """(name, container literal) for `NAME = [...]`-like statements, else None."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target: ast.expr = statement.targets[0]
    elif isinstance(statement, ast.AnnAssign):
        target = statement.target
    else:
        return None
    if not isinstance(target, ast.Name) or not isinstance(statement.value, CONTAINER_TYPES):
        return None
    if is_dunder(target.id):  # __all__ and friends list the module's own names: not data from elsewhere
        return None
    return target.id, statement.value


def _is_data_table(value: ast.expr) -> bool:
    return _is_large(value) and _is_literal_data(value)


def _is_large(value: ast.expr) -> bool:
    lines = (value.end_lineno or value.lineno) - value.lineno + 1
    elements = len(value.keys) if isinstance(value, ast.Dict) else len(getattr(value, "elts", ()))
    return lines >= MIN_DATA_LINES or elements >= MIN_DATA_ELEMENTS


def _is_literal_data(value: ast.expr) -> bool:
    """Only strings, numbers, booleans and None, nested in lists, tuples, sets and dicts: data, not code."""
    stack: List[ast.AST] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Dict):
            if any(key is None for key in node.keys):  # a **spread merges other data in: code, not a table
                return False
            stack.extend(key for key in node.keys if key is not None)
            stack.extend(node.values)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            stack.extend(node.elts)
        elif not isinstance(node, ast.Constant) and numeric_value(node) is None:
            return False
    return True
