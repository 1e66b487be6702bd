"""Questions about classes that several §8 rules ask."""
import ast
from typing import Dict

from stylekit.rules.astutil import FunctionNode, has_decorator


def is_dataclass(node: ast.ClassDef) -> bool:
    """@dataclass, @dataclasses.dataclass or @dataclass(...) with options."""
    return has_decorator(node, "dataclass")


def methods_of(node: ast.ClassDef) -> Dict[str, FunctionNode]:
    """The functions defined directly in a class body, by name (a later definition replaces an earlier one)."""
    return {statement.name: statement for statement in node.body
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))}
