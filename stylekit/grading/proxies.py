"""Source-reading proxies for judgement patterns: does the learner's answer contain the construct a pattern asks
for? A hidden check named after the pattern asserts one of these on the `exercise_source` fixture, so a test
suite that behaves right but skips the pattern (plain functions where a test class belongs, a side_effect lambda
where a Mock subclass belongs) loses that pattern's points. They read structure, not intent: a reviewer still
judges whether the construct was the right choice.
"""
import ast
import io
import re
import tokenize
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

SETUP_METHODS = {"setup_method", "setUp", "setup"}
MOCK_BASES = {"Mock", "MagicMock", "NonCallableMock"}
EXCEPTION_BASES = {"Exception", "BaseException"}
# Words that say what code does rather than why: the vocabulary of a comment that narrates the next line.
NARRATION_WORDS = {
    "the", "and", "for", "with", "from", "into", "this", "that", "then", "than", "each", "all", "its", "are", "was",
    "loop", "loops", "over", "iterate", "through", "check", "checks", "whether", "set", "sets", "add", "adds",
    "return", "returns", "call", "calls", "get", "gets", "compute", "computes", "calculate", "calculates", "make",
    "value", "values", "variable", "result", "increment", "create", "creates", "apply", "applies", "use", "uses",
    "multiply", "divide", "subtract", "round", "rounds", "up", "down", "by", "to", "of", "if", "is", "it", "a", "an",
}
STEM = 5  # words compared by their first letters, so 'expired' meets 'expires'
NEW_WORDS_FOR_A_REASON = 3  # a comment adding fewer words than this to the code's own only narrates it
XML_SECTION = re.compile(r"<([A-Za-z_][\w-]*)>(.*?)</\1>", re.DOTALL)
FORMAT_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_]\w*\}(?!\})")


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


# -- §3 Documentation Philosophy ------------------------------------------------------------------------------
def _stems(text: str) -> Set[str]:
    words = re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower())
    return {word[:STEM] for word in words if len(word) > 2 and word not in NARRATION_WORDS}


def _comments(source: str) -> List[Tuple[int, str, str]]:
    """(line, text without '#', the code before it on its line: "" for a comment on a line of its own) for every
    comment of the source."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    return [(token.start[0], token.string.lstrip("#").strip(), token.line[:token.start[1]].strip())
            for token in tokens if token.type == tokenize.COMMENT]


def _explained_line(lines: List[str], line: int) -> str:
    """The code a full-line comment at `line` (1-based) explains: the next line that is neither blank nor a comment."""
    for text in lines[line:]:
        if text.strip() and not text.strip().startswith("#"):
            return text
    return ""


def restates_code(comment: str, code: str) -> bool:
    """True when a comment adds fewer than three words of its own to the names already in the code it sits on:
    it narrates what the line does rather than saying why (docs.why-comments)."""
    return len(_stems(comment) - _stems(code)) < NEW_WORDS_FOR_A_REASON


def restating_comments(source: str) -> List[str]:
    """Every comment that only restates the line of code it explains (docs.why-comments)."""
    lines = source.splitlines()
    return [text for line, text, code in _comments(source)
            if text and restates_code(text, code or _explained_line(lines, line))]


def _prose_lines(source: str) -> Set[int]:
    """Line numbers (1-based) of docstrings and other bare string statements: prose, not code."""
    tree = _tree(source)
    return {line for node in (ast.walk(tree) if tree else [])
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)}


def _line_holding(source: str, fragment: str) -> Optional[int]:
    """The index (0-based) of the first line of code holding `fragment` outside comments and docstrings."""
    prose = _prose_lines(source)
    return next((number for number, text in enumerate(source.splitlines())
                 if fragment in text.split("#", 1)[0] and number + 1 not in prose), None)


def comment_for(source: str, fragment: str) -> str:
    """The comment explaining the first line of code holding `fragment`: the comment ending that line and the block
    of comment lines directly above it, joined; "" when the line has none (or no line holds the fragment)."""
    lines = source.splitlines()
    index = _line_holding(source, fragment)
    if index is None:
        return ""
    parts = [text for line, text, code in _comments(source) if code and line == index + 1]
    above = index - 1
    while above >= 0 and lines[above].strip().startswith("#"):
        parts.insert(0, lines[above].strip().lstrip("#").strip())
        above -= 1
    return " ".join(part for part in parts if part)


def explains_why(source: str, fragment: str) -> bool:
    """The first line of code holding `fragment` carries a comment that gives a reason of its own rather than
    retelling the line (docs.why-comments)."""
    index = _line_holding(source, fragment)
    comment = comment_for(source, fragment)
    return index is not None and bool(comment) and not restates_code(comment, source.splitlines()[index].split("#")[0])


def has_param_docstring(source: str, function: str) -> bool:
    """`function` has a docstring giving each of its parameters a line 'name: meaning' (docs.minimal-docstrings:
    the important function explains what it needs; self and cls need no line)."""
    tree = _tree(source)
    for node in ast.walk(tree) if tree else []:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            docstring = ast.get_docstring(node) or ""
            described = {match.group(1) for match in re.finditer(r"^\s*(\w+)\s*:\s*\S", docstring, re.MULTILINE)}
            arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            names = {argument.arg for argument in arguments} - {"self", "cls"}
            return bool(docstring) and names <= described
    return False


def xml_sections(text: str) -> List[Tuple[str, bool]]:
    """(tag, whether the section holds a format field such as {message}) for each top-level <tag>...</tag>."""
    return [(match.group(1), bool(FORMAT_FIELD.search(match.group(2)))) for match in XML_SECTION.finditer(text)]


def has_layered_prompt(source: str, minimum: int = 3) -> bool:
    """A string literal holding at least `minimum` XML-tagged sections, where no fixed section follows one filled
    per call: general guidance first, the parts that vary last, so calls share the longest prefix
    (docs.prompt-templates)."""
    tree = _tree(source)
    for node in ast.walk(tree) if tree else []:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            sections = xml_sections(node.value)
            filled = [has_field for _, has_field in sections]
            layered = all(earlier <= later for earlier, later in zip(filled, filled[1:]))
            if len(sections) >= minimum and layered:
                return True
    return False


# -- §1 Code Organization & Architecture ---------------------------------------------------------------------
def module_files(root: Path) -> Dict[str, Path]:
    """Every module file under `root` by the dotted name it is imported by with `root` on the path:
    'kestrel/core/money.py' is 'kestrel.core.money', a package's __init__.py is the package ('kestrel.core')."""
    found: Dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts:
            found[".".join(parts)] = path
    return found


def top_level_names(source: str) -> Set[str]:
    """The names a module defines at its top level: functions, classes and assigned constants (not its imports)."""
    tree = _tree(source)
    names: Set[str] = set()
    for node in tree.body if tree else []:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def imported_modules(source: str, module: str, is_package: bool = False, known: Iterable[str] = ()) -> Set[str]:
    """The absolute dotted names `module`'s import statements name, anywhere in it: 'import a.b' gives a.b,
    'from a.b import c' gives a.b, and a.b.c too when that is one of the `known` modules; relative imports are
    resolved against the module's package (`is_package`: the source is a package's __init__.py)."""
    tree = _tree(source)
    known = set(known)
    package = module.split(".") if is_package else module.split(".")[:-1]
    named: Set[str] = set()
    for node in ast.walk(tree) if tree else []:
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            origin = ".".join(base + (node.module.split(".") if node.module else []))
            if origin:
                named.add(origin)
            named.update(f"{origin}.{alias.name}".lstrip(".") for alias in node.names
                         if f"{origin}.{alias.name}".lstrip(".") in known)
    return named


def import_graph(root: Path) -> Dict[str, Set[str]]:
    """Each module under `root` -> the modules of the same tree it imports (by dotted name, relative imports
    resolved): the dependencies between a project's own modules (organization.domain-packages)."""
    files = module_files(root)
    return {module: {name for name in imported_modules(path.read_text(encoding="utf-8"), module,
                                                      path.name == "__init__.py", files) if name in files}
            for module, path in files.items()}


def find_cycle(graph: Dict[str, Set[str]]) -> List[str]:
    """A cycle of the directed graph as its nodes in order (the first repeated at the end); [] when it has none.
    Self-loops do not count."""
    state: Dict[str, int] = {}  # 1: on the current path, 2: done
    path: List[str] = []

    def visit(node: str) -> List[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, set()) - {node}):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return []

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return []
