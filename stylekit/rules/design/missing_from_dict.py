import ast

from stylekit.findings import Severity
from stylekit.rules.astutil import has_decorator
from stylekit.rules.base import Rule
from stylekit.rules.design._shared import is_dataclass, methods_of


class MissingFromDict(Rule):
    id = "SK0802"
    name = "missing-from-dict"
    pattern = "design.to-from-dict"
    # Info: the reference code gives to_dict to 21 of 28 dataclasses but from_dict to only 6 (CALIBRATION.md),
    # so the pair is an aspiration of the house, not its practice.
    severity = Severity.INFO
    summary = "A dataclass with to_dict() also has a from_dict() classmethod, and the other way round."
    node_types = (ast.ClassDef,)

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ClassDef)
        if not is_dataclass(node):
            return
        methods = methods_of(node)
        reader = methods.get("from_dict")
        if reader is not None and not has_decorator(reader, "classmethod"):
            self.report_at(reader.lineno, reader.col_offset,
                           f"Make '{node.name}.from_dict' a @classmethod that builds and returns cls(...)")
        if node.bases:
            return  # the other half may be inherited, from a base this check cannot see into
        if "to_dict" in methods and reader is None:
            self.report_at(node.lineno, node.col_offset,
                           f"Add a from_dict classmethod to '{node.name}' so that its to_dict output can be read back")
        elif reader is not None and "to_dict" not in methods:
            self.report_at(node.lineno, node.col_offset,
                           f"Add a to_dict method to '{node.name}' to pair with its from_dict")
