import ast
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, is_test_function
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Calls that hand back an event loop for the caller to drive by hand: asyncio.run() does it, and closes it.
LOOP_FACTORIES = frozenset({"asyncio.get_event_loop", "asyncio.new_event_loop", "get_event_loop", "new_event_loop"})
# The one way the house runs a coroutine from synchronous code.
ASYNCIO_RUN = "asyncio.run"
# The last part of each loop factory's name: a cheap test that spares most calls the cost of dotted_name().
LOOP_FACTORY_TAILS = frozenset(name.rsplit(".", 1)[-1] for name in LOOP_FACTORIES)

_LoopKey = Tuple[Optional[ast.AST], str]  # (enclosing def, variable name) of a loop held in a variable


class PublicAsync(Rule):
    id = "SK1002"
    name = "public-async"
    pattern = "async.sync-wrapper"
    # Warning: asyncio.get_event_loop() outside a running loop is deprecated and raises from Python 3.14, so
    # driving a loop by hand is a real fault; a public async function that the module itself wraps is a smaller
    # one, but the house is consistent about it and the trigger cannot be wrong about which function is meant.
    severity = Severity.WARNING
    summary = "A public sync function runs the private async implementation with asyncio.run()."
    node_types = (ast.Call, ast.Assign, ast.AsyncFunctionDef)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._loops: Dict[_LoopKey, ast.Assign] = {}
        self._loop_runs: Dict[_LoopKey, List[ast.Call]] = {}
        self._async_defs: Dict[str, ast.AsyncFunctionDef] = {}
        self._wrapped: Dict[str, str] = {}  # async function name -> the sync def that runs it
        self._exported: Set[str] = set()

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Call):
            self._visit_call(node)
        elif isinstance(node, ast.Assign):
            self._visit_assign(node)
        elif isinstance(node, ast.AsyncFunctionDef) and self.ctx.scope is None:
            self._async_defs[node.name] = node

    def _visit_assign(self, node: ast.Assign) -> None:
        target = node.targets[0]
        if len(node.targets) != 1 or not isinstance(target, ast.Name):
            return
        if _is_loop_factory(node.value):
            self._loops[(self.ctx.scope, target.id)] = node
        elif target.id == "__all__" and self.ctx.scope is None and isinstance(node.value, (ast.List, ast.Tuple)):
            # A module that lists its async function in __all__ offers both flavours on purpose.
            self._exported.update(element.value for element in node.value.elts
                                  if isinstance(element, ast.Constant) and isinstance(element.value, str))

    def _visit_call(self, node: ast.Call) -> None:
        function = node.func
        if isinstance(function, ast.Attribute) and function.attr == "run_until_complete":
            loop = function.value
            if _is_loop_factory(loop):
                self.report(node, "Run the coroutine with asyncio.run(...) instead of driving an event loop by hand")
            elif isinstance(loop, ast.Name):
                self._loop_runs.setdefault((self.ctx.scope, loop.id), []).append(node)
        elif isinstance(function, ast.Attribute) and function.attr == "run":
            self._collect_wrapper(node)

    def _collect_wrapper(self, node: ast.Call) -> None:
        """Remember `asyncio.run(name(...))` made inside a synchronous def: the def wraps `name`.

        Tests are no public API, so a test running an async helper says nothing about what should be private.
        """
        scope = self.ctx.scope
        if not isinstance(scope, ast.FunctionDef) or self.ctx.is_test_file or is_test_function(scope):
            return
        if dotted_name(node.func) != ASYNCIO_RUN:
            return
        coroutine = node.args[0] if node.args else None
        if isinstance(coroutine, ast.Call) and isinstance(coroutine.func, ast.Name):
            self._wrapped.setdefault(coroutine.func.id, scope.name)

    def finish(self) -> None:
        for key, runs in self._loop_runs.items():
            # One run on a loop made for it is asyncio.run() written out; several runs reuse the loop on purpose.
            if key in self._loops and len(runs) == 1:
                self.report(runs[0], "Run the coroutine with asyncio.run(...) instead of driving an event loop by hand")
        for name, wrapper in self._wrapped.items():
            implementation = self._async_defs.get(name)
            if implementation is not None and not name.startswith("_") and name not in self._exported:
                self.report_at(implementation.lineno, implementation.col_offset,
                               f"Rename '{name}' to '_{name}': '{wrapper}', which runs it with asyncio.run(), "
                               f"is the public entry point")


def _is_loop_factory(node: ast.expr) -> bool:
    """asyncio.get_event_loop() or asyncio.new_event_loop()."""
    if not isinstance(node, ast.Call):
        return False
    function = node.func
    tail = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
    return tail in LOOP_FACTORY_TAILS and dotted_name(function) in LOOP_FACTORIES
