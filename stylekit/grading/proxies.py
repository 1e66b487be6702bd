"""Source-reading proxies for judgement patterns: does the learner's answer contain the construct a pattern asks
for? A hidden check named after the pattern asserts one of these on the `exercise_source` fixture, so a test
suite that behaves right but skips the pattern (plain functions where a test class belongs, a side_effect lambda
where a Mock subclass belongs) loses that pattern's points. They read structure, not intent: a reviewer still
judges whether the construct was the right choice.
"""
import ast
from typing import List, Optional, Set

SETUP_METHODS = {"setup_method", "setUp", "setup"}
MOCK_BASES = {"Mock", "MagicMock", "NonCallableMock"}
EXCEPTION_BASES = {"Exception", "BaseException"}


def _tree(source: str) -> Optional[ast.Module]:
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return _last_name(node.func)
    return ""


def _test_functions(tree: ast.Module) -> List[ast.FunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test")]


def _names_used(node: ast.AST) -> Set[str]:
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def has_test_class(source: str) -> bool:
    """A Test* class holding at least two tests and their common set-up (testing.test-classes)."""
    tree = _tree(source)
    for node in tree.body if tree else []:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
            if len([name for name in methods if name.startswith("test")]) >= 2 and methods & SETUP_METHODS:
                return True
    return False


def has_mock_subclass(source: str) -> bool:
    """A class deriving from unittest.mock's Mock or MagicMock: a stateful fake (testing.custom-mocks)."""
    tree = _tree(source)
    return any(isinstance(node, ast.ClassDef) and any(_last_name(base) in MOCK_BASES for base in node.bases)
               for node in (tree.body if tree else []))


def has_flow_exception(source: str) -> bool:
    """A module-level exception class of the tests' own that a fake raises or a side_effect holds, to stop the code
    under test at a chosen point (testing.flow-exceptions)."""
    tree = _tree(source)
    if tree is None:
        return False
    own = {node.name for node in tree.body if isinstance(node, ast.ClassDef)
           and any(_last_name(base) in EXCEPTION_BASES for base in node.bases)}
    raised = {_last_name(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise) and node.exc}
    return bool(own & (raised | _side_effect_names(tree)))


def _side_effect_names(tree: ast.Module) -> Set[str]:
    """Names inside a value given to a side_effect: `x.side_effect = ...` or `Mock(side_effect=...)`."""
    values: List[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(_last_name(target) == "side_effect" for target in node.targets):
            values.append(node.value)
        if isinstance(node, ast.Call):
            values.extend(keyword.value for keyword in node.keywords if keyword.arg == "side_effect")
    return set().union(set(), *(_names_used(value) for value in values))


def has_shared_fixture(source: str) -> bool:
    """A @pytest.fixture that at least two tests ask for by name: set-up they share (testing.fixtures)."""
    tree = _tree(source)
    if tree is None:
        return False
    fixtures = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
                and any(_last_name(decorator) == "fixture" for decorator in node.decorator_list)}
    requests = [{argument.arg for argument in test.args.args} for test in _test_functions(tree)]
    return any(sum(1 for requested in requests if fixture in requested) >= 2 for fixture in fixtures)


def _module_constants(tree: ast.Module) -> List[ast.Assign]:
    return [node for node in tree.body if isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id.startswith("TEST_") for target in node.targets)]


def has_shared_test_constant(source: str) -> bool:
    """A module-level TEST_* constant used by at least two tests (testing.module-constants)."""
    tree = _tree(source)
    if tree is None:
        return False
    names = {target.id for node in _module_constants(tree) for target in node.targets if isinstance(target, ast.Name)}
    return any(sum(1 for test in _test_functions(tree) if name in _names_used(test)) >= 2 for name in names)


def has_module_test_data(source: str) -> bool:
    """Test data kept as a module-level TEST_* collection (a list, dict or tuple of records), not rebuilt inside
    each test (testing.test-data)."""
    tree = _tree(source)
    return tree is not None and any(_size(node.value) >= 2 for node in _module_constants(tree))


def _size(value: ast.expr) -> int:
    if isinstance(value, ast.Dict):
        return len(value.keys)
    return len(value.elts) if isinstance(value, (ast.List, ast.Tuple, ast.Set)) else 0
