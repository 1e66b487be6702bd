import ast
import re
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Optional, Set, Tuple, TypeGuard, Union

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, last_name
from stylekit.rules.base import Rule
from stylekit.rules.idioms._shared import snake_case

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Functions that unittest looks up by their exact name: the camelCase is the library's, not the author's.
NAMED_BY_LIBRARY = {"setUpModule", "tearDownModule"}
# Bases that bring no camelCase methods to override, so a camelCase method under them has no excuse.
BASES_WITHOUT_CAMEL_CASE = {"object", "ABC", "Protocol", "Generic", "Exception", "BaseException"}
# Literal kinds that make a module-level name a constant (bool and None are flags and sentinels).
CONSTANT_TYPES = (int, float, complex, str, bytes)
# PascalCase; an underscore may separate digits, as in a version spelled out (OcsfV1_1_0View): the guide's own
# reference code names versioned classes so on purpose (CALIBRATION.md), and V110 would lose the version's meaning.
PASCAL_CASE = re.compile(r"^_*[A-Z](?:[A-Za-z0-9]|(?<=[0-9])_(?=[0-9]))*$")
# Statements and expressions that bind plain names: variables, in a function or at module level.
BINDING_TYPES = (ast.Assign, ast.AnnAssign, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.NamedExpr,
                 ast.comprehension)


class NamingConvention(Rule):
    id = "SK0601"
    name = "naming-convention"
    pattern = "idioms.naming"
    # Error: the reference code names its classes and functions this way without exception; the
    # triggers on parameters and variables are narrowed (camelCase only, JSON mirrors excused) to match:
    # a class's camelCase fields, its own methods' parameters of those names, and reads of a payload key.
    severity = Severity.ERROR
    summary = "snake_case functions, parameters and variables, PascalCase classes, SCREAMING_SNAKE_CASE constants."
    node_types = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, *BINDING_TYPES)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._fields: Dict[int, FrozenSet[str]] = {}  # id(class) -> its annotated field names
        self._seen: Set[Tuple[int, str]] = set()  # (scope, name) already judged

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.ClassDef):
            self._visit_class(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._visit_function(node)
        elif not isinstance(self.ctx.scope, ast.ClassDef):
            self._visit_binding(node)

    def _visit_class(self, node: ast.ClassDef) -> None:
        if PASCAL_CASE.match(node.name) is None:
            self._report_name(node, "class", _pascal_case(node.name))

    def _visit_function(self, node: FunctionNode) -> None:
        name = node.name
        if name.lower() != name:
            # test_WHEN_..._THEN_... names belong to the test-naming rule; the library names to the library.
            named_elsewhere = name.startswith("test_") or name in NAMED_BY_LIBRARY
            if self._overrides_library():
                return  # its parameters are the library's too
            if not named_elsewhere:
                kind = "method" if isinstance(self.ctx.scope, ast.ClassDef) else "function"
                self._report_name(node, kind, snake_case(name))
        arguments = node.args
        for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                         arguments.vararg, arguments.kwarg):
            if argument is None or argument.arg.lower() == argument.arg or not _is_camel_case(argument.arg):
                continue
            if argument.arg in self._own_fields():
                continue  # __init__(self, unitPrice) or a factory of the class that declares unitPrice
            self.report(argument, f"Rename the parameter '{argument.arg}' to '{snake_case(argument.arg)}' "
                                  f"(snake_case)")

    def _own_fields(self) -> FrozenSet[str]:
        """The annotated field names of the class whose method is being visited; empty outside a class."""
        scope = self.ctx.scope
        if not isinstance(scope, ast.ClassDef):
            return frozenset()
        fields = self._fields.get(id(scope))
        if fields is None:
            fields = frozenset(statement.target.id for statement in scope.body
                               if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name))
            self._fields[id(scope)] = fields
        return fields

    def _overrides_library(self) -> bool:
        """A method of a class with real base classes may be overriding an API it does not own."""
        scope = self.ctx.scope
        if not isinstance(scope, ast.ClassDef):
            return False
        return any(last_name(_unsubscripted(base)) not in BASES_WITHOUT_CAMEL_CASE for base in scope.bases)

    def _visit_binding(self, node: ast.AST) -> None:
        for target in _bound_names(node):
            name = target.id
            if name.lower() == name:
                continue  # snake_case, the common case: decided without further calls
            mixed_constant = self.ctx.scope is None and _has_lower(name) and _is_literal(getattr(node, "value", None))
            key = (id(self.ctx.scope), name)
            if not mixed_constant and not _is_camel_case(name):
                continue
            if key in self._seen or _mirrors_json_key(node, name):
                continue
            self._seen.add(key)
            if mixed_constant:
                message = f"Rename '{name}' to {snake_case(name).upper()} if it is a constant, " \
                          f"else to {snake_case(name)}"
            else:
                message = f"Rename the variable '{name}' to '{snake_case(name)}' (snake_case)"
            self.report(target, message)

    def _report_name(self, node: Union[ast.ClassDef, FunctionNode], kind: str, suggestion: str) -> None:
        """Underline the name after 'def'/'class', not the whole body."""
        text = self.ctx.line_text(node.lineno)
        column = text.find(node.name, text.find("class " if kind == "class" else "def "))
        style = "PascalCase" if kind == "class" else "snake_case"
        message = f"Rename the {kind} '{node.name}' to '{suggestion}' ({style})"
        if column < 0:
            self.report(node, message)
        else:
            self.report_at(node.lineno, column, message, node.lineno, column + len(node.name))


def _has_upper(name: str) -> bool:
    return name.lower() != name


def _has_lower(name: str) -> bool:
    return name.upper() != name


def _is_camel_case(name: str) -> bool:
    """camelCase (or snake_With_Capitals): starts lower case and has a capital somewhere after.

    PascalCase and SCREAMING_CASE names are not judged here: inside a function they are usually a class
    alias or a local constant, which the guide does not forbid.
    """
    stripped = name.lstrip("_")
    return bool(stripped) and stripped[0].islower() and _has_upper(stripped)


def _pascal_case(name: str) -> str:
    stripped = name.lstrip("_")
    prefix = name[:len(name) - len(stripped)]
    return prefix + "".join(part[:1].upper() + part[1:] for part in stripped.split("_"))


def _unsubscripted(node: ast.expr) -> ast.expr:
    """Generic[T] -> Generic."""
    return node.value if isinstance(node, ast.Subscript) else node


def _is_literal(value: Optional[ast.expr]) -> bool:
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
        value = value.operand
    return isinstance(value, ast.Constant) and isinstance(value.value, CONSTANT_TYPES) \
        and not isinstance(value.value, bool)


def _bound_names(node: ast.AST) -> List[ast.Name]:
    """The plain names a binding statement assigns (attributes and subscripts bind nothing new)."""
    if isinstance(node, ast.Assign):
        targets: List[ast.expr] = node.targets
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
    else:
        targets = [getattr(node, "target")]  # AnnAssign, For, AsyncFor, NamedExpr, comprehension
    if len(targets) == 1 and isinstance(targets[0], ast.Name):
        return [targets[0]]  # the common case, without the unpacking walk
    names: List[ast.Name] = []
    pending = list(targets)
    while pending:
        target = pending.pop()
        if isinstance(target, ast.Name):
            names.append(target)
        elif isinstance(target, (ast.Tuple, ast.List)):
            pending.extend(target.elts)
        elif isinstance(target, ast.Starred):
            pending.append(target.value)
    return names


def _mirrors_json_key(node: ast.AST, name: str) -> bool:
    """numAzs = raw["numAzs"], raw.get("numAzs"), int(raw["numAzs"]) or plan.numAzs: the camelCase is the
    payload's, read under its own name and kept on purpose. A value computed any other way is not excused."""
    value = getattr(node, "value", None)
    if _is_conversion(value):
        value = value.args[0]  # one conversion around the read: int(raw["numAzs"]), Cidr(raw["cidr"])
    if isinstance(value, ast.Attribute):
        return value.attr == name
    if isinstance(value, ast.Subscript):
        key: Optional[ast.expr] = value.slice
    elif isinstance(value, ast.Call) and last_name(value.func) == "get" and value.args:
        key = value.args[0]
    else:
        return False
    return isinstance(key, ast.Constant) and key.value == name


def _is_conversion(value: Optional[ast.expr]) -> TypeGuard[ast.Call]:
    """A call with one positional argument and nothing else, other than dict.get: int(...), Cidr(...)."""
    if not isinstance(value, ast.Call) or len(value.args) != 1:
        return False
    return not value.keywords and last_name(value.func) != "get"
