import ast
from typing import Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, in_test_code
from stylekit.rules.base import Rule

# tempfile's helpers: they work, but leave clean-up to the test and the files outside pytest's view.
TEMPFILE_CALLS = {"mkdtemp", "mkstemp", "NamedTemporaryFile", "TemporaryDirectory"}
# Functions that open a file given as their first argument.
OPEN_CALLS = {"open", "io.open", "codecs.open"}
# Functions that create a directory given as their first argument.
MKDIR_CALLS = {"os.mkdir", "os.makedirs"}
# pathlib methods that create or write the file or directory of the Path they are called on.
PATH_WRITERS = {"write_text", "write_bytes", "touch", "mkdir"}
PATH_CLASSES = {"Path", "pathlib.Path"}
# The last name of every call above that takes or acts on a path: a cheap first filter.
PATH_CALL_NAMES = {"open", "makedirs", *PATH_WRITERS}
# Characters of an open() mode that write, append or create.
WRITE_MODES = set("wax+")
# Device files such as /dev/null are the same on every machine and hold nothing a test could leave behind.
DEVICE_FOLDER = "/dev/"

TMP_FIXTURES = {"tmp_path", "tmpdir", "tmp_path_factory", "tmpdir_factory"}  # pytest's temporary folders

class FixedTestPath(Rule):
    id = "SK0515"
    name = "fixed-test-path"
    pattern = "testing.tmpdir"
    # Warning: the house builds test files under the tmpdir fixture (§5) and CALIBRATION.md has no count of
    # deviations; a fixed path makes tests collide when run in parallel and litters the machine.
    severity = Severity.WARNING
    summary = "Tests create files under pytest's tmp_path/tmpdir fixture, not at fixed paths or via tempfile."
    node_types = (ast.Call, ast.FunctionDef, ast.AsyncFunctionDef)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if TMP_FIXTURES & {argument.arg for argument in node.args.args}:
                self.saw()  # a test or fixture that asks pytest for a temporary folder
            return
        assert isinstance(node, ast.Call)
        function = node.func
        if isinstance(function, ast.Name):
            called = function.id
        elif isinstance(function, ast.Attribute):
            called = function.attr
        else:
            return
        message: Optional[str] = None
        if called in TEMPFILE_CALLS and dotted_name(function) in (called, f"tempfile.{called}"):
            message = f"Use pytest's tmp_path fixture instead of tempfile.{called}"
        elif called in PATH_CALL_NAMES:
            path = _fixed_path(node, function)
            if path is not None:
                message = f"Use a file under pytest's tmp_path fixture instead of the fixed path '{path}'"
        if message is not None and in_test_code(self.ctx):
            self.report(node, message)


def _fixed_path(node: ast.Call, function: ast.expr) -> Optional[str]:
    """The literal path a call opens for writing, creates, or opens at an absolute location; else None."""
    name = dotted_name(function)
    path_argument = _path_object_argument(function.value) if isinstance(function, ast.Attribute) else None
    if name in OPEN_CALLS or name in MKDIR_CALLS:
        path = _literal_path(node.args[0]) if node.args else None
        writes = name in MKDIR_CALLS or _opens_for_writing(node, mode_position=1)
    elif path_argument is not None and isinstance(function, ast.Attribute):
        path = _literal_path(path_argument)
        writes = function.attr in PATH_WRITERS or _opens_for_writing(node, mode_position=0)
    else:
        return None
    if path is None or path.startswith(DEVICE_FOLDER):
        return None
    absolute = path.startswith("/")
    return path if writes or absolute else None


def _path_object_argument(node: ast.expr) -> Optional[ast.expr]:
    """The first argument of `Path(...)`, a pathlib object built on the spot; else None."""
    if isinstance(node, ast.Call) and node.args and dotted_name(node.func) in PATH_CLASSES:
        return node.args[0]
    return None


def _literal_path(node: ast.expr) -> Optional[str]:
    """'/tmp/out.csv' for a string literal, '/tmp/...' for an f-string that starts with literal text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        head = node.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str) and head.value.startswith("/"):
            return f"{head.value}..."
    return None


def _opens_for_writing(node: ast.Call, mode_position: int) -> bool:
    """True when the call's mode (positional or mode=) is a literal that writes, appends or creates."""
    mode: Optional[ast.expr] = node.args[mode_position] if len(node.args) > mode_position else None
    for keyword in node.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and bool(WRITE_MODES & set(mode.value))
