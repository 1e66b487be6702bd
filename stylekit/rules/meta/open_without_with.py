import ast
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, last_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Calls that open something which must be closed again: files, archives, sockets, connections, temporary files.
OPENERS = frozenset({
    "open", "io.open", "codecs.open", "gzip.open", "bz2.open", "lzma.open", "shelve.open",
    "tarfile.open", "zipfile.ZipFile", "ZipFile",
    "socket.socket", "socket.create_connection", "sqlite3.connect",
    "tempfile.NamedTemporaryFile", "tempfile.TemporaryFile", "NamedTemporaryFile", "TemporaryFile",
    "urllib.request.urlopen", "request.urlopen", "urlopen",
})
# The last part of each opener's name: a cheap test that spares most calls the cost of dotted_name().
OPENER_TAILS = frozenset(name.rsplit(".", 1)[-1] for name in OPENERS)
# Openers whose own with statement does not close them (sqlite3's commits or rolls back, and stays open).
NEEDS_CLOSING = frozenset({"sqlite3.connect"})
# Expressions that only choose between values: `open(a) if zipped else open(b)` is still the value itself.
PASS_THROUGH = (ast.IfExp, ast.BoolOp)
# Statements and expressions that hand the opened object to the caller, who then owns closing it.
HANDS_OVER = (ast.Return, ast.Lambda)

_Container = ast.AST  # the def, lambda or top-level statement whose subtree a candidate call is judged in


class OpenWithoutWith(Rule):
    id = "SK1203"
    name = "open-without-with"
    pattern = "meta.context-managers"
    # Warning: a resource opened outside `with` stays open when an exception skips its close(), and a file
    # written that way may never be flushed. The house opens files and archives in with statements (§12),
    # tests included.
    severity = Severity.WARNING
    summary = "Files, archives, sockets and connections are opened in a with statement."
    node_types = (ast.Call, ast.With, ast.AsyncWith)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._candidates: List[Tuple[ast.Call, str, Optional[ast.AST]]] = []
        self._parents: Dict[_Container, Dict[ast.AST, ast.AST]] = {}
        self._in_with_items: Set[ast.AST] = set()

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, (ast.With, ast.AsyncWith)):
            # The common, correct case settled without looking for parents: calls inside a with item.
            for item in node.items:
                expression = item.context_expr
                if isinstance(expression, ast.Call):
                    self._in_with_items.add(expression)
                    self._in_with_items.update(argument for argument in expression.args
                                               if isinstance(argument, ast.Call))
            return
        assert isinstance(node, ast.Call)
        function = node.func
        tail = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        if tail in OPENER_TAILS:
            opener = dotted_name(function)
            if opener in OPENERS:
                self._candidates.append((node, opener, self.ctx.scope))

    def finish(self) -> None:
        for call, opener, scope in self._candidates:
            if call in self._in_with_items:
                continue
            container = self._container(call, scope)
            if container is None or self._is_managed(call, container):
                continue
            if opener in NEEDS_CLOSING:
                advice = f"'with contextlib.closing({opener}(...)) as ...:'"
            else:
                advice = f"'with {opener}(...) as ...:'"
            self.report(call, f"Open it as {advice} so that it is closed even when an error is raised")

    def _container(self, call: ast.Call, scope: Optional[ast.AST]) -> Optional[_Container]:
        """The def or lambda around the call; at module or class level, just the statement holding it."""
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return scope
        body = scope.body if isinstance(scope, ast.ClassDef) else self.ctx.tree.body
        return next((statement for statement in body
                     if statement.lineno <= call.lineno <= (statement.end_lineno or statement.lineno)), None)

    def _parents_in(self, container: _Container) -> Dict[ast.AST, ast.AST]:
        if container not in self._parents:
            self._parents[container] = {child: parent for parent in ast.walk(container)
                                        for child in ast.iter_child_nodes(parent)}
        return self._parents[container]

    def _is_managed(self, call: ast.Call, container: _Container) -> bool:
        """True inside a with item, handed to ExitStack.enter_context, returned, or stored on an object."""
        parents = self._parents_in(container)
        node: ast.AST = call
        parent = parents.get(node)
        while isinstance(parent, PASS_THROUGH):
            node, parent = parent, parents.get(parent)
        if parent is None:
            return False
        if isinstance(parent, HANDS_OVER) or _inside_with_item(parent, parents):
            return True
        if isinstance(parent, ast.Call):
            return last_name(parent) == "enter_context" and node in parent.args
        if isinstance(parent, ast.Attribute) and parent.attr == "close":
            return True  # open(path).close(): creates or truncates the file and closes it at once
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            if all(isinstance(target, (ast.Attribute, ast.Subscript)) for target in targets):
                return True  # an object or container now owns it and closes it in its own close()
            names = {target.id for target in targets if isinstance(target, ast.Name)}
            return bool(names & _managed_names(container))
        return False


def _inside_with_item(node: ast.AST, parents: Dict[ast.AST, ast.AST]) -> bool:
    """True when `node` is part of a with item's expression, e.g. the argument of closing(...)."""
    current: Optional[ast.AST] = node
    while current is not None and not isinstance(current, ast.stmt):
        if isinstance(current, ast.withitem):
            return True
        current = parents.get(current)
    return False


def _managed_names(container: _Container) -> Set[str]:
    """Variables the container later puts in a with item, hands to enter_context, or returns (alone or in a tuple)."""
    names: Set[str] = set()
    for node in ast.walk(container):
        if isinstance(node, ast.withitem):
            names.update(child.id for child in ast.walk(node.context_expr) if isinstance(child, ast.Name))
        elif isinstance(node, ast.Call) and last_name(node) == "enter_context":
            names.update(argument.id for argument in node.args if isinstance(argument, ast.Name))
        elif isinstance(node, ast.Return) and node.value is not None:
            returned = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            names.update(value.id for value in returned if isinstance(value, ast.Name))
    return names
