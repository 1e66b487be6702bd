import ast
from typing import List, Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import last_name
from stylekit.rules.base import Rule

# The PEP 585 builtin generics and the typing alias the house writes for each.
TYPING_ALIASES = {"dict": "Dict", "list": "List", "set": "Set", "frozenset": "FrozenSet", "tuple": "Tuple",
                  "type": "Type"}
# Subscripts whose arguments are values, not types: "any" inside Literal["any"] is a string, not a bug.
VALUE_SUBSCRIPTS = {"Literal"}


class TypingGenerics(Rule):
    id = "SK0203"
    name = "typing-generics"
    pattern = "types.typing-constructs"
    # Error: the reference code writes typing generics 139 times and builtin generics never
    # (CALIBRATION.md); lowercase `any` is a bug that mypy rejects.
    severity = Severity.ERROR
    summary = "Annotations use typing's Dict, List, Type... (not dict[...], list[...]) and Any (not any)."
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef, ast.AnnAssign)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        else:
            assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            arguments = node.args
            every = (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg)
            annotations = [argument.annotation for argument in every
                           if argument is not None and argument.annotation is not None]
            if node.returns is not None:
                annotations.append(node.returns)
        if any(isinstance(part, ast.Subscript) for annotation in annotations for part in ast.walk(annotation)):
            self.saw()  # a generic type written down: the house's spelling can be judged
        for name in _misspelled_names(annotations):
            if name.id == "any":
                self.report(name, "Write 'Any' from typing: lowercase 'any' is the builtin function, not a type")
            else:
                self.report(name, f"Write '{TYPING_ALIASES[name.id]}[...]' from typing instead of the builtin "
                                  f"'{name.id}[...]', as the rest of the code base does")


def _misspelled_names(stack: List[ast.expr]) -> List[ast.Name]:
    """Lowercase `any` and the heads of builtin generics found in the annotations, string forward references
    included. A plain loop rather than ast.walk: annotations are visited for every function, so it must be cheap."""
    found: List[ast.Name] = []
    while stack:
        part = stack.pop()
        if isinstance(part, ast.Name):
            if part.id == "any":
                found.append(part)
        elif isinstance(part, ast.Subscript):
            head = part.value
            if isinstance(head, ast.Name) and head.id in TYPING_ALIASES:
                found.append(head)
            head_name = head.id if isinstance(head, ast.Name) else last_name(head)
            if head_name == "Annotated" and isinstance(part.slice, ast.Tuple) and part.slice.elts:
                stack.append(part.slice.elts[0])  # the rest of an Annotated[...] is metadata, not types
            elif head_name not in VALUE_SUBSCRIPTS:
                stack.append(part.slice)
        elif isinstance(part, (ast.Tuple, ast.List)):
            stack.extend(part.elts)
        elif isinstance(part, ast.BinOp):
            stack.extend((part.left, part.right))
        elif isinstance(part, ast.Constant) and isinstance(part.value, str):
            parsed = _parse_string_annotation(part)
            if parsed is not None:
                stack.append(parsed)
    return found


def _parse_string_annotation(constant: ast.Constant) -> Optional[ast.expr]:
    """A forward reference such as "list[Order]", parsed and placed where the string stands; None if plain."""
    text = str(constant.value)
    if "[" not in text and "any" not in text:
        return None
    try:
        parsed = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None
    for child in ast.walk(parsed):  # a few nodes: report positions point at the string itself
        if isinstance(child, ast.expr):
            ast.copy_location(child, constant)
            child.end_lineno, child.end_col_offset = constant.end_lineno, constant.end_col_offset
    return parsed
