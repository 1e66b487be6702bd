import ast
from typing import TYPE_CHECKING, List, Optional, Set, Tuple, Union

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, in_test_code, last_name
from stylekit.rules.base import Rule
from stylekit.rules.testing._shared import enclosing_test_function

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# The patchers that work as decorators just as well as in a with block. patch.dict and patch.multiple
# are left alone: a with block around a few lines is their usual, deliberate use.
PATCHERS = {"patch", "mock.patch", "unittest.mock.patch", "patch.object", "mock.patch.object",
            "unittest.mock.patch.object"}
# Callables that build a mock; assigning one to an imported name's attribute is hand-made patching.
MOCK_FACTORIES = {"Mock", "MagicMock", "AsyncMock", "NonCallableMock", "NonCallableMagicMock", "PropertyMock",
                  "create_autospec"}
# Imported names whose attributes nobody patches (the mock library itself).
MOCK_MODULES = {"mock", "unittest"}


class MockPatchStyle(Rule):
    id = "SK0503"
    name = "mock-patch-style"
    pattern = "testing.mock-patch"
    # Warning: aws-aio patches with @mock.patch in 215 of its 315 tests (ocsf-playground in 16 of 30),
    # yet a with block is not wrong in itself; the manual assignment this rule also catches leaks a mock
    # into later tests, which is why it is not merely info (CALIBRATION.md).
    severity = Severity.WARNING
    summary = "Tests patch with @mock.patch decorators, not with-blocks or by assigning Mocks to module attributes."
    node_types = (ast.Import, ast.ImportFrom, ast.With, ast.AsyncWith, ast.Assign, ast.FunctionDef,
                  ast.AsyncFunctionDef)
    reports_evidence = True

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._imports: List[Union[ast.Import, ast.ImportFrom]] = []
        self._assignments: List[Tuple[ast.Assign, ast.Attribute, str]] = []

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(dotted_name(decorator.func if isinstance(decorator, ast.Call) else decorator) in PATCHERS
                   for decorator in node.decorator_list):
                self.saw()  # a test patched the house way, with a decorator
        elif isinstance(node, ast.Assign):
            self._collect_assignment(node)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            self._check_with(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            self._imports.append(node)

    def finish(self) -> None:
        if not self._assignments:
            return
        imported = _imported_names(self._imports) - MOCK_MODULES
        for node, target, root in self._assignments:
            if root in imported:
                self.report(node, f"Patch {dotted_name(target)} with a @mock.patch decorator instead of assigning "
                                  f"a mock to it, which leaks into every later test")

    def _check_with(self, node: Union[ast.With, ast.AsyncWith]) -> None:
        for item in node.items:
            call = item.context_expr
            patcher = dotted_name(call.func) if isinstance(call, ast.Call) else None
            if isinstance(call, ast.Call) and patcher in PATCHERS:
                if enclosing_test_function(self.ctx) is not None:
                    self.report(call, f"Decorate the test with @{patcher}({_target(call)}) instead of patching "
                                      f"in a with block")
                return

    def _collect_assignment(self, node: ast.Assign) -> None:
        value = node.value
        builds_mock = isinstance(value, ast.Call) and last_name(value.func) in MOCK_FACTORIES
        if not builds_mock and not isinstance(value, ast.Lambda):
            return
        targets = [(target, _root_name(target)) for target in node.targets if isinstance(target, ast.Attribute)]
        if not targets or not in_test_code(self.ctx):
            return
        parameters = _parameter_names(self.ctx.scope)
        self._assignments.extend((node, target, root) for target, root in targets
                                 if root is not None and root not in parameters)


def _imported_names(imports: List[Union[ast.Import, ast.ImportFrom]]) -> Set[str]:
    """The names the imports bind: 'billing' for `import billing.mailer`, 'mailer' for `from billing import mailer`."""
    names: Set[str] = set()
    for node in imports:
        if isinstance(node, ast.Import):
            names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
        else:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _target(call: ast.Call) -> str:
    """The patch target as written, e.g. "billing.mailer.send", or '...' when it is not a literal."""
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return f'"{call.args[0].value}"'
    return "..."


def _root_name(target: ast.Attribute) -> Optional[str]:
    """'billing' for billing.mailer.send; None when the chain does not start at a plain name."""
    node: ast.AST = target
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _parameter_names(scope: Optional[ast.AST]) -> Set[str]:
    """A test's parameters shadow module names: `client.send = Mock()` on a fixture is no patching."""
    if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return set()
    arguments = scope.args
    return {argument.arg for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
