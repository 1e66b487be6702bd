"""Questions several §12 rules ask about the body of a special method."""
import ast
from typing import List, Optional

from stylekit.rules.astutil import FunctionNode


def attribute_read(node: ast.AST, owner: str) -> Optional[ast.Attribute]:
    """An `<owner>.<attribute>` inside `node` (a method or one expression of it), or None."""
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name) and child.value.id == owner:
            return child
    return None


def positional_parameters(method: FunctionNode) -> List[str]:
    """The names of a method's positional parameters, `self` first."""
    return [argument.arg for argument in (*method.args.posonlyargs, *method.args.args)]
