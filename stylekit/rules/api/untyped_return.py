import ast
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Optional, Set

from stylekit.findings import Severity
from stylekit.rules.api._shared import NONE_ADMITTING_NAMES, admits_none, module_aliases
from stylekit.rules.astutil import FunctionNode, is_fixture, is_test_function, last_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# From three parts on, callers unpack by position and a reader cannot tell which part is which;
# a pair (key and value, quotient and remainder) is still clear.
MAX_TUPLE_PARTS = 2
# Names that announce a tuple on purpose (as_tuple, to_tuple; sort_key, cache_key): the shape is the point.
TUPLE_WORD = "tuple"
KEY_SUFFIX = "key"
# No module-level names at all: whether an annotation admits None by itself, before the module is read.
NO_ALIASES: FrozenSet[str] = frozenset()


class UntypedReturn(Rule):
    id = "SK1103"
    name = "untyped-return"
    pattern = "api.typed-returns"
    # Warning: returning None from a function whose annotation excludes it is a type error mypy also
    # catches; a three-part tuple is a design smell rather than a bug. Missing annotations are SK0201's job.
    severity = Severity.WARNING
    summary = "Return values match the annotation (Optional[...] when None can come back) and are named objects."
    # Returns and yields only: a function worth judging has a return statement (one annotated as a tuple
    # must return one), so functions are found through their returns, which keeps the visits few.
    node_types = (ast.Return, ast.Yield, ast.YieldFrom)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self.returning: Dict[FunctionNode, None] = {}  # an ordered set: functions with a return statement
        self.none_returns: Dict[FunctionNode, ast.Return] = {}
        self.tuple_returns: Dict[FunctionNode, ast.Return] = {}
        self.generators: Set[ast.AST] = set()

    def visit(self, node: ast.AST) -> None:
        scope = self.ctx.scope
        if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return  # a return outside a def does not compile; a yield in a lambda is no concern here
        if not isinstance(node, ast.Return):
            self.generators.add(scope)
            return
        self.returning[scope] = None
        if scope.returns is not None and _returns_none(node):
            self.none_returns.setdefault(scope, node)
        elif isinstance(node.value, ast.Tuple) and _part_count(node.value.elts) > MAX_TUPLE_PARTS:
            self.tuple_returns.setdefault(scope, node)

    def finish(self) -> None:
        if not self.returning or self.ctx.is_test_file:
            return
        aliases: Optional[FrozenSet[str]] = None
        for function in self.returning:
            if function in self.generators or is_test_function(function):
                continue
            if function.decorator_list and is_fixture(function):
                continue
            none_return = self.none_returns.get(function)
            # Optional[...] and the like admit None whatever the module defines: decided without reading it.
            if none_return is not None and function.returns is not None \
                    and not admits_none(function.returns, NO_ALIASES):
                aliases = aliases if aliases is not None else _none_admitting_aliases(self.ctx.tree)
                if not admits_none(function.returns, aliases):
                    annotation = ast.unparse(function.returns)
                    self.report(none_return, f"'{function.name}' is annotated '-> {annotation}' but returns None "
                                             f"here: annotate '-> Optional[{annotation}]' or return a value")
            if _is_public(function):
                self._check_tuple(function)

    def _check_tuple(self, function: FunctionNode) -> None:
        annotated = _annotated_parts(function.returns)
        if annotated > MAX_TUPLE_PARTS and function.returns is not None:
            self.report(function.returns, f"'{function.name}' returns a {annotated}-part tuple: return a "
                                          f"dataclass whose fields name the parts")
            return
        returned = self.tuple_returns.get(function)
        if returned is not None:
            assert isinstance(returned.value, ast.Tuple)
            self.report(returned, f"'{function.name}' returns a {len(returned.value.elts)}-part tuple: return a "
                                  f"dataclass whose fields name the parts")


def _none_admitting_aliases(tree: ast.Module) -> FrozenSet[str]:
    """The module's possible type aliases, less its TypeVars that cannot stand for None.

    `return None` from a function annotated `-> T` is wrong unless T is bound or constrained to a type that
    admits None (`TypeVar("T", bound=Optional[Order])`): T stands for whatever type the caller has. An
    imported TypeVar is not an alias of this module, so it is judged like any other imported name.
    """
    aliases = module_aliases(tree)
    strict = set()
    for statement in tree.body:
        if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Call):
            continue
        call = statement.value
        if last_name(call.func) != "TypeVar":
            continue
        limits = [*call.args[1:], *(keyword.value for keyword in call.keywords if keyword.arg == "bound")]
        if not any(_limit_admits_none(limit, aliases) for limit in limits):
            strict |= {target.id for target in statement.targets if isinstance(target, ast.Name)}
    return aliases - strict


def _limit_admits_none(limit: ast.expr, aliases: FrozenSet[str]) -> bool:
    """admits_none for a TypeVar's bound or constraint; the usual `bound="Order"` is read without parsing it."""
    if isinstance(limit, ast.Constant) and isinstance(limit.value, str) and limit.value.isidentifier():
        return limit.value in NONE_ADMITTING_NAMES or limit.value in aliases
    return admits_none(limit, aliases)


def _returns_none(node: ast.Return) -> bool:
    """A bare `return` or `return None`."""
    if node.value is None:
        return True
    return isinstance(node.value, ast.Constant) and node.value.value is None


def _is_public(function: FunctionNode) -> bool:
    name = function.name
    return not name.startswith("_") and TUPLE_WORD not in name and not name.endswith(KEY_SUFFIX)


def _part_count(elements: List[ast.expr]) -> int:
    """How many parts a tuple display has; 0 when a *starred part makes the count unknowable."""
    return 0 if any(isinstance(element, ast.Starred) for element in elements) else len(elements)


def _annotated_parts(returns: Optional[ast.expr]) -> int:
    """3 for Tuple[int, str, float] or tuple[...] of three; 0 for Tuple[int, ...], other types or none."""
    if not isinstance(returns, ast.Subscript):
        return 0
    head = returns.value  # Tuple or typing.Tuple; read directly, since this runs for every public function
    head_name = head.id if isinstance(head, ast.Name) else head.attr if isinstance(head, ast.Attribute) else ""
    if head_name not in ("Tuple", "tuple"):
        return 0
    parts = returns.slice.elts if isinstance(returns.slice, ast.Tuple) else [returns.slice]
    if any(isinstance(part, ast.Constant) and part.value is Ellipsis for part in parts):
        return 0
    return len(parts)
