import ast
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, dotted_name, is_dunder, is_test_function
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# The names an object's own methods reach it by; metaclasses call their class mcs or metacls.
OWN_NAMES = {"self", "cls", "mcs", "metacls"}
# Underscore names that are documented public API: namedtuple's helpers, os._exit, sys._getframe and
# Django's Model._meta family. Reading them is using the API, not breaking into it.
DOCUMENTED_UNDERSCORE_NAMES = {"_replace", "_asdict", "_fields", "_field_defaults", "_make", "_exit",
                               "_getframe", "_meta", "_default_manager", "_base_manager", "_state"}
# Longest receiver spelled out in a message; longer ones are called "this object".
MAX_RECEIVER_CHARS = 40

Scope = Optional[ast.AST]


class PrivateAccess(Rule):
    id = "SK1101"
    name = "private-access"
    pattern = "api.private-boundaries"
    # Warning: the guide marks internals with a leading underscore; reaching into another object's
    # internals couples the caller to details its owner may change. No reference count gives more weight.
    severity = Severity.WARNING
    summary = "Use another object's public API, not its _private attributes; __all__ lists every public function."
    node_types = (ast.Attribute,)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self.own_accesses: List[Tuple[Scope, str]] = []  # self._name: defines what a class keeps private
        self.foreign_accesses: List[Tuple[ast.Attribute, Scope]] = []

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.Attribute)
        attribute = node.attr
        if not attribute.startswith("_") or _is_special(attribute) or self.ctx.is_test_file:
            return
        if _is_own(node.value):
            self.own_accesses.append((self.ctx.scope, attribute))
        else:
            self.foreign_accesses.append((node, self.ctx.scope))

    def finish(self) -> None:
        if self.ctx.is_test_file:
            return
        if self.foreign_accesses:
            self._report_foreign_accesses()
        self._check_dunder_all()

    def _report_foreign_accesses(self) -> None:
        kept: Dict[ast.ClassDef, Set[str]] = {}  # per class: the private names it defines for itself
        for scope, attribute in self.own_accesses:
            owner = self._enclosing_class(scope)
            if owner is not None:
                _privates_of(owner, kept).add(attribute)
        for node, scope in self.foreign_accesses:
            chain = self.ctx.enclosing_scopes(scope)
            if any(is_test_function(enclosing) for enclosing in chain):
                continue  # the house tests private helpers directly (guide §5 and §11)
            owner = self._enclosing_class(scope)
            if owner is not None and node.attr in _privates_of(owner, kept):
                continue  # a class may read the privates of other instances of itself (__eq__, merge)
            receiver = ast.unparse(node.value)
            receiver = f"'{receiver}'" if len(receiver) <= MAX_RECEIVER_CHARS else "this object"
            self.report(node, f"'{node.attr}' is internal to {receiver}: go through its public API (a method, "
                              f"property or function), or make the name public")

    def _enclosing_class(self, scope: Scope) -> Optional[ast.ClassDef]:
        for enclosing in self.ctx.enclosing_scopes(scope):
            if isinstance(enclosing, ast.ClassDef):
                return enclosing
        return None

    def _check_dunder_all(self) -> None:
        exported = _literal_dunder_all(self.ctx.tree)
        if exported is None:
            return
        for function in _public_undecorated_functions(self.ctx.tree):
            if function.name not in exported:
                self.report_at(function.lineno, function.col_offset,
                               f"'{function.name}' is missing from __all__: rename it '_{function.name}' if it "
                               f"is internal, or list it in __all__", function.lineno)


def _public_undecorated_functions(tree: ast.Module) -> List[FunctionNode]:
    """Top-level functions without a leading underscore; decorated ones are left out, since a decorator often
    registers the function (a CLI command, a route) and then neither a rename nor __all__ is the point."""
    functions = [statement for statement in tree.body if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return [function for function in functions if not function.decorator_list and not function.name.startswith("_")]


def _is_special(attribute: str) -> bool:
    """Dunders, enum sunders such as _value_ and _missing_, a lone '_', and documented underscore API."""
    sunder = len(attribute) > 2 and attribute.endswith("_") and not attribute.startswith("__")
    return is_dunder(attribute) or sunder or attribute == "_" or attribute in DOCUMENTED_UNDERSCORE_NAMES


def _is_own(receiver: ast.expr) -> bool:
    """self, cls, super(), type(self) and self.__class__: the object (or class) reaching its own internals."""
    if isinstance(receiver, ast.Name):
        return receiver.id in OWN_NAMES
    if isinstance(receiver, ast.Call):
        return dotted_name(receiver) in ("super", "type")
    return isinstance(receiver, ast.Attribute) and receiver.attr == "__class__" and _is_own(receiver.value)


def _privates_of(node: ast.ClassDef, kept: Dict[ast.ClassDef, Set[str]]) -> Set[str]:
    """The class's entry in `kept`, started with the private names its body defines: methods, class attributes."""
    if node not in kept:
        kept[node] = _class_level_privates(node)
    return kept[node]


def _class_level_privates(node: ast.ClassDef) -> Set[str]:
    names: Set[str] = set()
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign):
            names |= {target.id for target in statement.targets if isinstance(target, ast.Name)}
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
    return {name for name in names if name.startswith("_")}


def _literal_dunder_all(tree: ast.Module) -> Optional[Set[str]]:
    """The names __all__ lists, when it is spelled out as literal lists or tuples; None when absent or computed."""
    exported: Optional[Set[str]] = None
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if not any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
                continue
            names = _string_literals(statement.value)
            if names is None:
                return None
            exported = (exported or set()) | names if isinstance(statement, ast.AugAssign) else names
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) \
                and (dotted_name(statement.value) or "").startswith("__all__."):
            return None  # __all__.extend(...) and the like: computed, not readable here
    return exported


def _string_literals(value: Optional[ast.expr]) -> Optional[Set[str]]:
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    if not all(isinstance(element, ast.Constant) and isinstance(element.value, str) for element in value.elts):
        return None
    return {str(element.value) for element in value.elts if isinstance(element, ast.Constant)}
