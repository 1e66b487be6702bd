import ast
from typing import TYPE_CHECKING, FrozenSet, List, Optional, Sequence, Set, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, is_constant_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

TRIPLE_QUOTES = ('"""', "'''")
# Functions whose result depends only on their arguments: a template filled with them renders the same every call.
PURE_CALLS = frozenset({
    "json.dumps", "len", "str", "repr", "int", "float", "sorted", "tuple", "list", "min", "max", "sum", "abs",
    "round", "textwrap.dedent", "textwrap.indent", "pprint.pformat",
})
FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
# Nodes that hold no value of their own: literals, operators and load/store markers.
LEAF_TYPES = (ast.Constant, ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop)
# Expressions that are static when all their children are: arithmetic, containers, f-strings, subscripts.
COMPOSITE_TYPES = (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.IfExp, ast.Compare, ast.List, ast.Tuple, ast.Set,
                   ast.Dict, ast.JoinedStr, ast.FormattedValue, ast.Subscript, ast.Slice, ast.Starred)


class TemplateRenderedPerCall(Rule):
    id = "SK0305"
    name = "template-rendered-per-call"
    pattern = "docs.format-templates"
    # Info: a missed optimisation and a readability habit, not a bug; the reference code renders its
    # four static templates at module level (CALIBRATION.md), so the house does follow it where it applies.
    severity = Severity.INFO
    summary = "A triple-quoted template filled only with module-level constants is rendered once, at import time."
    node_types = (ast.Call,)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._module_bindings: Optional[Tuple[FrozenSet[str], FrozenSet[str]]] = None

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.Call)
        template = _format_template(node)
        if template is None or not self._is_triple_quoted(template):
            return
        functions = [scope for scope in self.ctx.enclosing_scopes(self.ctx.scope) if isinstance(scope, FUNCTION_TYPES)]
        if not functions:
            return
        checker = _StaticChecker(self._module_constants(), self._module_namespaces(), _local_names(functions))
        arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
        if all(checker.is_static(argument) for argument in arguments):
            self.report_at(template.lineno, self._column(template),
                           "Render this template once at module level (TEMPLATE = \"\"\"...\"\"\".format(...)): "
                           "it uses only constants, so every call renders the same text")

    def _column(self, node: ast.expr) -> int:
        text = self.ctx.line_text(node.lineno)
        return len(text.encode("utf-8")[:node.col_offset].decode("utf-8", errors="replace"))

    def _is_triple_quoted(self, node: ast.Constant) -> bool:
        start = self.ctx.line_text(node.lineno)[self._column(node):]
        return start.lstrip("rRuU").startswith(TRIPLE_QUOTES)

    def _module_constants(self) -> FrozenSet[str]:
        return self._bindings()[0]

    def _module_namespaces(self) -> FrozenSet[str]:
        return self._bindings()[1]

    def _bindings(self) -> Tuple[FrozenSet[str], FrozenSet[str]]:
        """(SCREAMING_CASE names assigned at module level, names imported or defined there: modules, classes)."""
        if self._module_bindings is None:
            constants: Set[str] = set()
            namespaces: Set[str] = set()
            for statement in _top_level_statements(self.ctx.tree.body):
                if isinstance(statement, (ast.Import, ast.ImportFrom)):
                    namespaces.update((alias.asname or alias.name).split(".")[0] for alias in statement.names)
                elif isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    namespaces.add(statement.name)
                elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
                    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                    constants.update(target.id for target in targets
                                     if isinstance(target, ast.Name) and is_constant_name(target.id))
            self._module_bindings = (frozenset(constants), frozenset(namespaces))
        return self._module_bindings


class _StaticChecker:
    """Decides whether an expression's value is fixed at import time: literals, module constants, pure calls."""

    def __init__(self, constants: FrozenSet[str], namespaces: FrozenSet[str], local: FrozenSet[str]) -> None:
        self._constants = constants - local
        self._namespaces = namespaces - local

    def is_static(self, node: ast.AST) -> bool:
        if isinstance(node, LEAF_TYPES):
            return True
        if isinstance(node, ast.Name):
            return node.id in self._constants
        if isinstance(node, ast.Attribute):
            root = _root_name(node)
            return root is not None and (root in self._namespaces or root in self._constants)
        if isinstance(node, ast.Call):
            return self._is_pure_call(node)
        if isinstance(node, COMPOSITE_TYPES):
            return all(self.is_static(child) for child in ast.iter_child_nodes(node))
        return False

    def _is_pure_call(self, node: ast.Call) -> bool:
        func = node.func
        is_join = isinstance(func, ast.Attribute) and func.attr == "join" and isinstance(func.value, ast.Constant)
        if not is_join and dotted_name(func) not in PURE_CALLS:
            return False
        return all(self.is_static(argument) for argument in [*node.args, *(kw.value for kw in node.keywords)])


def _format_template(call: ast.Call) -> Optional[ast.Constant]:
    """The string literal of `"...".format(<some arguments>)`, or None for any other call."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr != "format":
        return None
    template = func.value
    has_arguments = bool(call.args or call.keywords)
    if isinstance(template, ast.Constant) and isinstance(template.value, str) and has_arguments:
        return template
    return None


def _root_name(node: ast.AST) -> Optional[str]:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _top_level_statements(body: List[ast.stmt]) -> List[ast.stmt]:
    """Module statements, looking one level into `if`/`try` blocks (optional imports, platform switches)."""
    statements: List[ast.stmt] = []
    for statement in body:
        statements.append(statement)
        if isinstance(statement, ast.If):
            statements.extend([*statement.body, *statement.orelse])
        elif isinstance(statement, ast.Try):
            statements.extend([*statement.body, *statement.orelse, *statement.finalbody])
            for handler in statement.handlers:
                statements.extend(handler.body)
    return statements


def _local_names(functions: Sequence[ast.AST]) -> FrozenSet[str]:
    """Every name a function around the call binds (parameters, assignments, loop targets, globals it rebinds)."""
    names: Set[str] = set()
    for function in functions:
        assert isinstance(function, FUNCTION_TYPES)
        arguments = function.args
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
        names.update(argument.arg for argument in every if argument is not None)
        body: List[ast.AST] = [function.body] if isinstance(function, ast.Lambda) else list(function.body)
        stack = body
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                names.add(node.id)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                names.update(node.names)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            stack.extend(ast.iter_child_nodes(node))
    return frozenset(names)
