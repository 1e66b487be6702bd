"""What two API rules both need to know: whether an annotation lets None through."""
import ast
from typing import FrozenSet, List, Tuple

from stylekit.rules.astutil import last_name

# Annotations that accept None as they stand (NoReturn and Never: the question does not arise).
NONE_ADMITTING_NAMES = {"Any", "object", "None", "NoneType", "Optional", "NoReturn", "Never"}


def module_aliases(tree: ast.Module) -> FrozenSet[str]:
    """Names assigned at the top of the module: possible type aliases (`MaybeOrder = Optional[Order]`) or
    TypeVars, whose None-ness this cheap check does not follow; callers give them the benefit of the doubt."""
    names = set()
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            names |= {target.id for target in statement.targets if isinstance(target, ast.Name)}
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
    return frozenset(names)


def admits_none(annotation: ast.expr, aliases: FrozenSet[str]) -> bool:
    """False only when the annotation certainly rejects None (`str`, `List[int]`, `Order`); True when it
    accepts None (`Optional[str]`, `str | None`, `Any`) or when this cannot be told from the module alone."""
    if isinstance(annotation, ast.Constant):
        return annotation.value is None or _string_admits_none(annotation.value, aliases)
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        name = last_name(annotation)
        return name in NONE_ADMITTING_NAMES or name in aliases
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return admits_none(annotation.left, aliases) or admits_none(annotation.right, aliases)
    if isinstance(annotation, ast.Subscript):
        return _subscript_admits_none(annotation, aliases)
    return True


def _subscript_admits_none(annotation: ast.Subscript, aliases: FrozenSet[str]) -> bool:
    head = last_name(annotation.value)
    arguments = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
    if head == "Union":
        return any(admits_none(argument, aliases) for argument in arguments)
    if head == "Annotated":
        return admits_none(arguments[0], aliases)
    if head == "Literal":
        return any(isinstance(argument, ast.Constant) and argument.value is None for argument in arguments)
    return head in NONE_ADMITTING_NAMES or head in aliases or head is None


def _string_admits_none(text: object, aliases: FrozenSet[str]) -> bool:
    """A forward reference such as "Order" or "Optional[Order]"; anything unreadable gets the benefit of the doubt."""
    if not isinstance(text, str):
        return True
    try:
        parsed = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return True
    return admits_none(parsed, aliases)


def defaulted_parameters(arguments: ast.arguments) -> List[Tuple[ast.arg, ast.expr]]:
    """(parameter, default) pairs; positional defaults belong to the last positional parameters."""
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = list(zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults))
    pairs += [(argument, default) for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults)
              if default is not None]
    return pairs
