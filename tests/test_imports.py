"""No module of the kit imports, directly or through others, a module that imports it back.

A cycle makes import order matter (a name may not exist yet when the other module reads it) and hides which
module is the lower layer: the engine and the rules' base class once leaned on each other this way. Every import
counts, those under `if TYPE_CHECKING:` and inside functions too: deferring one side of a cycle keeps the
interpreter quiet but leaves the two modules as tangled as before.
"""
import ast
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

from tests.conftest import REPO_ROOT

ImportGraph = Dict[str, Set[str]]


def module_paths(root: Path, package: str) -> Dict[str, Path]:
    """Every module under `root/package` by dotted name; a package's __init__.py goes by the package's name."""
    modules: Dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def import_graph(root: Path, package: str) -> ImportGraph:
    """Module -> the modules of the same package it imports, by any import statement anywhere in its code."""
    paths = module_paths(root, package)
    graph: ImportGraph = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = (_known_prefix(imported, paths) for imported in _imported_names(tree, name, path))
        graph[name] = {target for target in targets if target is not None and target != name}
    return graph


def _imported_names(tree: ast.Module, module: str, path: Path) -> Iterator[str]:
    """Dotted names each import reaches for: `x` for `import x`, `x.y` for `from x import y` (y may be a module)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute_source(node, module, is_package=path.name == "__init__.py")
            yield from (f"{source}.{alias.name}" for alias in node.names)


def _absolute_source(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The module a `from ... import` reads from, with a relative one resolved against `module`."""
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    parts = package[:len(package) - (node.level - 1)]
    if node.module:
        parts.append(node.module)
    return ".".join(parts)


def _known_prefix(dotted: str, modules: Dict[str, Path]) -> Optional[str]:
    """The longest leading part of `dotted` that is one of `modules`: `a.b.name` is in module `a.b`."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def cycles(graph: ImportGraph) -> List[List[str]]:
    """The groups of modules that reach each other through imports (Tarjan's strongly connected components of
    more than one module), each sorted, in sorted order."""
    index: Dict[str, int] = {}
    lowest: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    found: List[List[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in on_stack:
                lowest[module] = min(lowest[module], index[target])
        if lowest[module] == index[module]:
            component: List[str] = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def test_WHEN_stylekit_imported_THEN_no_module_cycle() -> None:
    expected: List[List[str]] = []

    actual = cycles(import_graph(REPO_ROOT, "stylekit"))

    assert expected == actual


def test_WHEN_modules_import_each_other_in_any_form_THEN_cycle_found(tmp_path: Path) -> None:
    package = tmp_path / "loop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from loop import second\n")
    (package / "second.py").write_text("def later() -> None:\n    from .third import VALUE\n")
    (package / "third.py").write_text("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import loop.first\n"
                                      "VALUE = 1\n")
    (package / "outside.py").write_text("import loop.first\n")
    expected = [["loop.first", "loop.second", "loop.third"]]

    actual = cycles(import_graph(tmp_path, "loop"))

    assert expected == actual


# The grading stack, top down: a layer may import the layers below it, never one above. class_grading orchestrates a
# class's `stylekit grade` run over the two below it; nbgrader_interactions is nbgrader's seam onto the grader (it calls
# the runner and fills the model); grading judges one notebook; the notebook floor reads notebooks and knows their
# cells. grading and nbgrader_interactions once imported each other (the run's orchestration lived in grading).
GRADING_LAYERS = ["stylekit.class_grading", "stylekit.nbgrader_interactions", "stylekit.grading", "stylekit.notebooks"]
FLOOR_ALIASES: Dict[str, str] = {}  # modules counted as another part's (none since the floor's shim went)


def _part(module: str, package: str, aliases: Dict[str, str]) -> str:
    """The top-level part of `package` a module belongs to: `a.b` for `a.b.c`, the module itself for `a.b`."""
    module = aliases.get(module, module)
    return ".".join(module.split(".")[:len(package.split(".")) + 1])


def part_graph(graph: ImportGraph, package: str, aliases: Dict[str, str]) -> ImportGraph:
    """Part of the package -> the other parts it imports. The package's own __init__ is left out: it is the public
    facade that loads parts on first use, and every part that reads `stylekit.__version__` would otherwise form a
    cycle with it."""
    parts: ImportGraph = {}
    for module, targets in graph.items():
        if module == package:
            continue
        part = _part(module, package, aliases)
        imported = {_part(target, package, aliases) for target in targets if target != package}
        parts.setdefault(part, set()).update(imported - {part})
    return parts


def upward_imports(graph: ImportGraph, layers: List[str]) -> List[Tuple[str, str]]:
    """(importer, imported) for every import of a module of one layer from a layer above it; layers top down."""
    def layer(module: str) -> Optional[int]:
        return next((rank for rank, name in enumerate(layers) if module == name or module.startswith(f"{name}.")),
                    None)

    found = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            importer, imported = layer(module), layer(target)
            if importer is not None and imported is not None and imported < importer:
                found.append((module, target))
    return found


def test_WHEN_grading_stack_imported_THEN_no_layer_imports_one_above_it() -> None:
    expected: List[Tuple[str, str]] = []

    actual = upward_imports(import_graph(REPO_ROOT, "stylekit"), GRADING_LAYERS)

    assert expected == actual


def test_WHEN_kit_parts_imported_THEN_no_cycle_between_them() -> None:
    expected: List[List[str]] = []

    actual = cycles(part_graph(import_graph(REPO_ROOT, "stylekit"), "stylekit", FLOOR_ALIASES))

    assert expected == actual


def test_WHEN_notebook_floor_imported_THEN_it_imports_nothing_of_the_kit_but_its_errors() -> None:
    parts = part_graph(import_graph(REPO_ROOT, "stylekit"), "stylekit", FLOOR_ALIASES)
    expected = {"stylekit.errors"}

    actual = parts["stylekit.notebooks"]

    assert expected == actual


def test_WHEN_lower_layer_imports_a_higher_one_in_any_form_THEN_found(tmp_path: Path) -> None:
    package = tmp_path / "kit"
    for part in ("top", "seam", "core"):
        (package / part).mkdir(parents=True)
        (package / part / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "top" / "run.py").write_text("from kit.seam import hook\nfrom kit.core import judge\n")
    (package / "seam" / "hook.py").write_text("from kit.core.judge import verdict\n")
    (package / "core" / "judge.py").write_text("def verdict() -> None:\n    from kit.seam import hook\n")
    layers = ["kit.top", "kit.seam", "kit.core"]
    expected = [("kit.core.judge", "kit.seam.hook")]

    actual = upward_imports(import_graph(tmp_path, "kit"), layers)

    assert expected == actual


def test_WHEN_two_parts_import_each_other_through_different_modules_THEN_part_cycle_found(tmp_path: Path) -> None:
    package = tmp_path / "kit"
    for part in ("grading", "seam"):
        (package / part).mkdir(parents=True)
        (package / part / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "grading" / "batch.py").write_text("from kit.seam import gradebook\n")
    (package / "grading" / "model.py").write_text("VERDICT = 1\n")
    (package / "seam" / "gradebook.py").write_text("from kit.grading.model import VERDICT\n")
    expected = [["kit.grading", "kit.seam"]]

    actual = cycles(part_graph(import_graph(tmp_path, "kit"), "kit", {}))

    assert expected == actual
