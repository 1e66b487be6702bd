"""The kit's tool for §1's exercises: it lays a plan out as packages. You decide which module each top-level name
of a grab-bag module moves to; the tool copies each piece of code there, with the comments above it, and writes
the imports every module needs: the grab-bag's own imports where a piece uses them, and imports between the new
modules where a piece uses a name that moved elsewhere.
"""
import ast
import shutil
import sys
from pathlib import Path
from typing import Dict, List, Set, Tuple

MARKER_FILE = ".laid_out_by_package_split"  # in a top folder the tool wrote, which a later run may replace


class PlanDoesNotFitModule(Exception):
    def __init__(self, source_file: str, problems: List[str]) -> None:
        super().__init__(f"The plan does not fit {source_file}: {'; '.join(problems)}")


class FolderNotLaidOutByTool(Exception):
    def __init__(self, folder: str) -> None:
        super().__init__(f"'{folder}' exists and was not written by split_module; move it away or plan another name")


def split_module(source_file: str, plan: Dict[str, List[str]]) -> List[str]:
    """
    Writes every module of the plan in the working folder, with an __init__.py in each package folder, replacing
    what an earlier run wrote, and returns the paths written.
    source_file: the grab-bag module whose top-level names move
    plan: a module's relative path (such as 'kestrel/core/money.py') -> the names that move into it
    """
    source = Path(source_file).read_text(encoding="utf-8")
    pieces, imports = _top_level(source)
    _check_plan(source_file, plan, set(pieces))
    home = {name: _dotted(path) for path, names in plan.items() for name in names}
    written: List[str] = []
    for top in sorted({path.split("/")[0] for path in plan}):
        _clear(Path(top))
        Path(top).mkdir()
        (Path(top) / MARKER_FILE).write_text("", encoding="utf-8")
    for path, names in plan.items():
        for package in list(Path(path).parents)[:-1]:
            package.mkdir(parents=True, exist_ok=True)
            if not (package / "__init__.py").exists():
                (package / "__init__.py").write_text("", encoding="utf-8")
                written.append(str(package / "__init__.py"))
        ordered = [name for name in pieces if name in names]
        Path(path).write_text(_module_text(ordered, pieces, imports, home, _dotted(path)), encoding="utf-8")
        written.append(path)
    return sorted(written)


def _top_level(source: str) -> Tuple[Dict[str, Tuple[str, Set[str], ast.stmt]], Dict[str, str]]:
    """(name -> (its code with the comments above it, the names it uses, its statement), bound name -> the import
    line that binds it ('import x' or 'from x import'))."""
    lines = source.splitlines()
    pieces: Dict[str, Tuple[str, Set[str], ast.stmt]] = {}
    imports: Dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            imports.update({(alias.asname or alias.name).split(".")[0]: f"import {alias.name}" for alias in node.names})
        elif isinstance(node, ast.ImportFrom):
            imports.update({alias.asname or alias.name: f"from {node.module} import" for alias in node.names})
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)):
            first = min([node.lineno] + [decorator.lineno for decorator in getattr(node, "decorator_list", [])]) - 1
            while first > 0 and lines[first - 1].lstrip().startswith("#"):
                first -= 1
            used = {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}
            text = "\n".join(lines[first:node.end_lineno])
            for name in _bound_names(node):
                pieces[name] = (text, used, node)
    return pieces, imports


def _bound_names(node: ast.stmt) -> List[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]  # type: ignore[attr-defined]
    return [target.id for target in targets if isinstance(target, ast.Name)]


def _check_plan(source_file: str, plan: Dict[str, List[str]], defined: Set[str]) -> None:
    placed = [name for names in plan.values() for name in names]
    problems = [f"'{path}' is not a module inside a package (folder/module.py)" for path in plan
                if not path.endswith(".py") or "/" not in path or path.startswith("/") or ".." in path.split("/")]
    problems += [f"{name} is placed twice" for name in sorted(set(placed)) if placed.count(name) > 1]
    problems += [f"{name} is not defined there" for name in sorted(set(placed) - defined)]
    problems += [f"{name} has no place yet" for name in sorted(defined - set(placed))]
    if problems:
        raise PlanDoesNotFitModule(source_file, problems)


def _dotted(path: str) -> str:
    return path[:-len(".py")].replace("/", ".")


def _clear(top: Path) -> None:
    if not top.exists():
        return
    if not (top / MARKER_FILE).exists():
        raise FolderNotLaidOutByTool(str(top))
    shutil.rmtree(top)


def _module_text(names: List[str], pieces: Dict[str, Tuple[str, Set[str], ast.stmt]], imports: Dict[str, str],
                 home: Dict[str, str], module: str) -> str:
    used = set().union(*(pieces[name][1] for name in names)) - set(names)
    wanted: Dict[str, List[str]] = {}  # an import line of the grab-bag's -> the names taken from it, in its order
    for name, line in imports.items():
        if name in used:
            wanted.setdefault(line, []).append(name)
    lines = [f"{line} {', '.join(taken)}" if line.startswith("from ") else line for line, taken in wanted.items()]
    standard = [line for line in lines if line.split()[1].split(".")[0] in sys.stdlib_module_names]
    third_party = [line for line in lines if line not in standard]
    local: Dict[str, List[str]] = {}
    for name in sorted(used):
        if name in home and home[name] != module:
            local.setdefault(home[name], []).append(name)
    inside = [f"from {other} import {', '.join(moved)}" for other, moved in sorted(local.items())]
    header = "\n\n".join("\n".join(group) for group in (standard, third_party, inside) if group)
    blocks: List[Tuple[str, bool]] = []  # (code, whether it is a constant), in the grab-bag's order
    for name in names:
        text = pieces[name][0]
        if all(text != code for code, _ in blocks):  # an assignment binding two names is one piece
            blocks.append((text, isinstance(pieces[name][2], (ast.Assign, ast.AnnAssign))))
    body = blocks[0][0] if blocks else ""
    for (_, was_constant), (text, constant) in zip(blocks, blocks[1:]):
        body += ("\n" if was_constant and constant else "\n\n\n") + text
    return (f"{header}\n\n\n" if header else "") + body + "\n"
