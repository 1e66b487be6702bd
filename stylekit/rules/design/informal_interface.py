import ast
from typing import List

from stylekit.findings import Severity
from stylekit.rules.astutil import (FunctionNode, body_without_docstring, dotted_name, has_decorator, is_stub_body,
                                    last_name)
from stylekit.rules.base import Rule
from stylekit.rules.design._shared import methods_of

# Decorators that make a method abstract; the old abstractproperty family still works, so it counts too.
ABSTRACT_DECORATORS = ("abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod")


class InformalInterface(Rule):
    id = "SK0803"
    name = "informal-interface"
    pattern = "design.abc-contracts"
    # Warning: the house declares its interfaces as ABCs, and a method that only raises NotImplementedError
    # in a class with no base is an interface beyond doubt; an instance of it fails only when that method is called.
    severity = Severity.WARNING
    summary = "Interfaces are ABCs with @abstractmethod, not classes whose methods raise NotImplementedError."
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ClassDef)
        # Test doubles raise NotImplementedError for the calls a test must not make: that is not an interface.
        if self.ctx.is_test_file:
            return
        methods = methods_of(node).values()
        unimplemented = [method.name for method in methods if _only_raises_not_implemented(method)]
        if not unimplemented:
            return
        listed = ", ".join(unimplemented)
        if _is_abc(node):
            if not any(has_decorator(method, *ABSTRACT_DECORATORS) for method in methods):
                self.report_at(node.lineno, node.col_offset,
                               f"Mark {listed} with @abstractmethod: '{node.name}' has no abstract method, "
                               f"so it can be instantiated")
        elif not node.keywords and all(dotted_name(base) == "object" for base in node.bases):
            self.report_at(node.lineno, node.col_offset,
                           f"Make '{node.name}' an ABC and mark {listed} with @abstractmethod "
                           f"instead of raising NotImplementedError")


def _only_raises_not_implemented(method: FunctionNode) -> bool:
    """A body of `raise NotImplementedError(...)`, with at most a docstring (and `pass`) around it."""
    body: List[ast.stmt] = body_without_docstring(method)
    return is_stub_body(method) and any(isinstance(statement, ast.Raise) for statement in body)


def _is_abc(node: ast.ClassDef) -> bool:
    """Derives from ABC directly or names ABCMeta as its metaclass."""
    return (any(last_name(base) == "ABC" for base in node.bases)
            or any(keyword.arg == "metaclass" and last_name(keyword.value) == "ABCMeta" for keyword in node.keywords))
