"""Questions the §3 rules share: is a node a plain number, and does a comment explain a statement."""
import ast
import re
from typing import TYPE_CHECKING, Optional, Union

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Tool directives are comments to the machine, not explanations to the reader.
PRAGMA = re.compile(r"#\s*(noqa|type:|pragma|pylint:|mypy:|fmt:|isort:|nosec|stylekit:)", re.IGNORECASE)

Number = Union[int, float]


def numeric_value(node: ast.AST) -> Optional[Number]:
    """The number an int or float literal stands for (-3 for `-3`), or None; True and False are not numbers here."""
    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1 if isinstance(node.op, ast.USub) else 1
        node = node.operand
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return sign * value
    return None


def is_explanation(comment: Optional[str]) -> bool:
    return comment is not None and PRAGMA.match(comment) is None


def is_explained(ctx: "Context", node: ast.AST) -> bool:
    """True when a comment ends one of the node's lines or sits on the line(s) directly above it."""
    first = getattr(node, "lineno", 1)
    last = getattr(node, "end_lineno", None) or first
    if any(is_explanation(ctx.comment_on_line(line)) for line in range(first, last + 1)):
        return True
    return is_explanation(ctx.comment_above(first))
