"""Only the notebook floor (stylekit/notebooks/) reads notebook files and indexes cells' metadata.

Several readers of notebooks and several definitions of "which cells are answers, checks, locked, worth what" let
the assessment and the grader disagree; so the kit's code is scanned: outside the floor, no subscript or `.get` of a
cell's (or notebook's) `metadata`, of its `nbgrader` or `stylekit` namespace, and no `nbformat.read`/`reads` or
`json.load` of a notebook. A line that indexes something else called metadata says so with a comment
`# not notebook metadata: <why>` on that line.
"""
import ast
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import pytest

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "stylekit"
FLOOR = PACKAGE / "notebooks"
WAIVER = "# not notebook metadata:"
NAMESPACES = {"nbgrader", "stylekit"}
DICT_READS = {"get", "setdefault", "pop"}
NOTEBOOK_WORDS = ("notebook", "ipynb")

Offence = Tuple[str, int, str]  # file, line, what


def _constant_key(node: ast.AST) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_metadata(node: ast.AST) -> bool:
    """`x.metadata`, `x["metadata"]`, `x.get("metadata", ...)` or a variable called `metadata`."""
    if isinstance(node, ast.Attribute):
        return node.attr == "metadata"
    if isinstance(node, ast.Name):
        return node.id == "metadata"
    if isinstance(node, ast.Subscript):
        return _constant_key(node.slice) == "metadata"
    read = _dict_read(node)
    return read is not None and _constant_key(read[1]) == "metadata"


def _dict_read(node: ast.AST) -> Optional[Tuple[ast.AST, ast.AST]]:
    """(receiver, key) of `receiver.get(key, ...)` (or setdefault, pop); None for anything else."""
    is_read = (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in DICT_READS
               and bool(node.args))
    return (node.func.value, node.args[0]) if is_read else None  # type: ignore[union-attr,attr-defined]


def _index(node: ast.AST) -> Optional[Tuple[ast.AST, ast.AST]]:
    """(receiver, key) of `receiver[key]` or `receiver.get(key, ...)`."""
    if isinstance(node, ast.Subscript):
        return node.value, node.slice
    return _dict_read(node)


def _metadata_offence(node: ast.AST) -> Optional[str]:
    indexed = _index(node)
    if indexed is None:
        return None
    receiver, key = indexed
    name = _constant_key(key)
    if name == "metadata":
        return "indexes a cell's metadata"
    is_namespace = name in NAMESPACES or name is None  # a computed key may be either namespace
    if _is_metadata(receiver) and is_namespace:
        return f"indexes metadata[{name or ast.unparse(key)}]"
    return None


def _reader_offence(node: ast.AST, function: str) -> Optional[str]:
    if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("nbformat"):
        readers = [alias.name for alias in node.names if alias.name in ("read", "reads")]
        return f"imports nbformat's {', '.join(readers)}" if readers else None
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    called = ast.unparse(node.func)
    if called.startswith("nbformat.") and node.func.attr in ("read", "reads"):
        return f"reads a notebook with {called}"
    if called in ("json.load", "json.loads"):
        said = f"{function} {ast.unparse(node)}".lower()
        if any(word in said for word in NOTEBOOK_WORDS):
            return f"reads a notebook with {called}"
    return None


def _walk_with_function(tree: ast.AST) -> Iterator[Tuple[ast.AST, str]]:
    """Every node with the name of the function it is in ('' at module level)."""
    stack: List[Tuple[ast.AST, str]] = [(tree, "")]
    while stack:
        node, function = stack.pop()
        yield node, function
        inner = node.name if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def offences(source: str, name: str) -> List[Offence]:
    """Every raw read of cell metadata or of a notebook file in one module's source."""
    lines = source.splitlines()
    found: Dict[int, str] = {}
    for node, function in _walk_with_function(ast.parse(source)):
        what = _metadata_offence(node) or _reader_offence(node, function)
        line = getattr(node, "lineno", 0)
        if what and WAIVER not in lines[line - 1]:
            found.setdefault(line, what)  # one offence a line: `cell["metadata"]["nbgrader"]` is one raw read
    return [(name, line, what) for line, what in sorted(found.items())]


def _kit_modules() -> Iterator[Tuple[str, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if not path.is_relative_to(FLOOR):
            yield path.relative_to(REPO_ROOT).as_posix(), path.read_text(encoding="utf-8")


def test_WHEN_kit_scanned_THEN_only_the_floor_reads_notebooks_and_cell_metadata() -> None:
    expected: List[Offence] = []

    actual = [offence for name, source in _kit_modules() for offence in offences(source, name)]

    assert expected == actual


@pytest.mark.parametrize("line", [
    'points = cell["metadata"]["nbgrader"]["points"]',
    'points = cell.get("metadata", {}).get("nbgrader", {}).get("points")',
    'role = cell.metadata["stylekit"]["role"]',
    'cell.metadata["nbgrader"] = {"grade": True}',
    'kit = notebook.metadata.get("stylekit", {})',
    'notebook.metadata.setdefault("stylekit", {})["exam"] = exam',
    'cell.metadata.pop("stylekit", None)',
    'kept = {key: cell.metadata.get(key) for key in ("nbgrader", "stylekit")}',
    'notebook = nbformat.read(str(path), as_version=4)',
    'notebook = nbformat.reads(text, as_version=4)',
    'from nbformat import read',
    'notebook = json.loads(notebook_path.read_text())',
    'notebook = json.loads(Path(folder, "answers.ipynb").read_text())',
])
def test_WHEN_line_reads_metadata_or_notebook_raw_THEN_offence_found(line: str) -> None:
    expected = 1

    actual = len(offences(f"{line}\n", "sample.py"))

    assert expected == actual


def test_WHEN_json_loaded_inside_a_notebook_reader_THEN_offence_found() -> None:
    source = "def read_notebook(path):\n    return json.loads(path.read_text())\n"
    expected = [("sample.py", 2, "reads a notebook with json.loads")]

    actual = offences(source, "sample.py")

    assert expected == actual


@pytest.mark.parametrize("line", [
    'kernel = notebook.metadata["kernelspec"]',
    'cell.metadata["jupyter"] = {"source_hidden": True}',
    'section = settings["stylekit"]',
    'assignment = resources.get("nbgrader", {}).get("assignment")',
    'folder = resources.get("metadata", {}).get("path")  # not notebook metadata: nbconvert\'s resources',
    'request = json.loads(sys.stdin.read())',
    'nbformat.write(notebook, str(path))',
])
def test_WHEN_line_reads_other_things_THEN_no_offence(line: str) -> None:
    expected: List[Offence] = []

    actual = offences(f"{line}\n", "sample.py")

    assert expected == actual


def test_WHEN_floor_package_listed_THEN_each_module_has_its_tests() -> None:
    tests = Path(__file__).parent
    expected: List[str] = []

    actual = [path.name for path in sorted(FLOOR.glob("*.py"))
              if path.name != "__init__.py" and not (tests / f"test_{path.name}").is_file()]

    assert expected == actual
