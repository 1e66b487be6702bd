"""The subject: one exercise's learner code, loaded in a process of its own inside the sandbox (containment.py).

`python -I -m stylekit.grading.subject` starts, imports what it needs, and waits. Its first message holds the
exercise's code (the notebook's set-up cells and the exercise's own cells) and the files beside the notebook; it
loads the cells into a fresh module, says which cells raised, and then serves the judge (judge.py) over the
channel (channel.py): get an attribute, call, set an attribute, read fields, import a module, read the files the
code wrote. Every answer is data, or a reference to an object that stays here.

The subject holds no hidden check, no expected value, no token and no verdict: nothing here is worth reaching. It is
the learner's process; the judge believes nothing it says beyond plain data, and stops it at its time budget.
The audit policy (policy.py) still applies, as the inner layer where the machine offers no namespaces.
"""
import base64
import contextlib
import io
import itertools
import logging
import os
import resource
import sys
import threading
import traceback
import types
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from stylekit.grading import channel, policy

LEARNER_MODULE = "stylekit_learner"  # the name the exercise's code is loaded under (its loggers' names start so)
OUTPUT_CAP_CHARS = 4_000  # of what the code printed, kept per answer: a screenful
OUTPUT_CAP_LINES = 40  # likewise, in lines
RECORDS_CAP = 500  # log records sent with one answer
TEXT_CAP_CHARS = 2_000  # of one message, traceback or str() of an object
FILE_SIZE_CAP_BYTES = 256 * 1024 * 1024  # no file the learner's code writes grows past this
FILES_CAP_BYTES = 8 * 1024 * 1024  # what one `files` answer carries back
REQUESTS_FD_ENV = "STYLEKIT_SUBJECT_FDS"  # "requests,answers": the channel's descriptors
PR_SET_DUMPABLE = 4  # prctl option (linux/prctl.h)


class CappedText(io.TextIOBase):
    """A text sink that keeps the first OUTPUT_CAP_LINES lines and OUTPUT_CAP_CHARS characters and only counts the
    rest, so a flood of output (a 20 MB line, a million lines) costs neither memory nor a long page."""

    def __init__(self) -> None:
        self.kept = io.StringIO()
        self.chars = 0
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        room_chars = OUTPUT_CAP_CHARS - len(self.kept.getvalue())
        room_lines = OUTPUT_CAP_LINES - self.lines
        if room_chars > 0 and room_lines > 0:
            head = "".join(text.splitlines(keepends=True)[:room_lines])
            self.kept.write(head[:room_chars])
        self.chars += len(text)
        self.lines += text.count("\n")
        return len(text)

    def excerpt(self) -> str:
        shown = self.kept.getvalue()
        if self.chars > len(shown):
            shown += f"\n... ({self.chars:,} characters, {self.lines:,} lines in all; the rest is not kept)"
        return shown


class _Records(logging.Handler):
    """Collects the log records of one answer as data, for the judge to hand to the checks' own logging."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: List[Dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) >= RECORDS_CAP:
            return
        self.records.append({
            "name": str(record.name), "levelno": int(record.levelno), "levelname": str(record.levelname),
            "message": _safe_text(record.getMessage), "created": float(record.created),
            "funcName": str(record.funcName), "lineno": int(record.lineno), "pathname": str(record.pathname),
            "exc": _exception(record.exc_info[1]) if record.exc_info and record.exc_info[1] else None,
            "stack": bool(record.stack_info)})


def _safe_text(produce: Any) -> str:
    """str() of a learner's object, which may raise or return anything: capped, and never raising."""
    try:
        text = produce()
        return (text if type(text) is str else f"<{type(text).__name__}>")[:TEXT_CAP_CHARS]
    except BaseException as error:  # stylekit: ignore[SK0402] a learner's __str__ may raise anything
        return f"<str() raised {type(error).__name__}>"


def cell_filename(index: int) -> str:
    """Learner code is compiled under this name: tracebacks name the cell, and the audit policy knows the frames."""
    return f"{policy.LEARNER_FILENAME_PREFIX} cell {index}>"


class NotebookShell:
    """What `get_ipython()` returns while grading: a shell with nothing to run. Magics (%load_ext, %matplotlib,
    %%time) configure a kernel the subject does not have, so they do nothing, and the code around them is graded
    as the notebook would run it."""

    def __init__(self) -> None:
        self.ast_transformers: List[Any] = []
        self.user_ns: Dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: None  # run_line_magic, run_cell_magic, system, register_magic_function ...


def display(*objects: Any, **options: Any) -> None:
    """Jupyter's display(): in a kernel it shows each object; here it prints them, as a text front end would."""
    for shown in objects:
        print(repr(shown) if not isinstance(shown, str) else shown)


def _notebook_only_ipytest() -> types.ModuleType:
    """ipytest runs a notebook's test cells in the kernel; the judge runs the checks itself."""
    stub = types.ModuleType("ipytest")
    for name in ("autoconfig", "config", "run", "clean", "clean_tests", "force_reload"):
        setattr(stub, name, lambda *args, **kwargs: None)
    return stub


def _exception(error: BaseException) -> Dict[str, Any]:
    """An exception as data: its class (by reference), its args as data where they are, its message, where."""
    location = traceback.extract_tb(error.__traceback__) if error.__traceback__ else []
    learner_frames = [frame for frame in location if frame.filename.startswith(policy.LEARNER_FILENAME_PREFIX)]
    last = learner_frames[-1] if learner_frames else None
    return {"class": _ref(type(error)), "ref": {"$": "ref", "side": "s", "id": _keep(error)},
            "message": _safe_text(lambda: str(error)),
            "args": _safe_encode(tuple(error.args)) if isinstance(getattr(error, "args", None), tuple) else None,
            "cell": _cell_of(last.filename) if last else None, "line": last.lineno if last else None,
            "traceback": _safe_text(lambda: "".join(traceback.format_exception(error))[-TEXT_CAP_CHARS:])}


def _cell_of(filename: str) -> Optional[int]:
    digits = "".join(letter for letter in filename if letter.isdigit())
    return int(digits) if digits else None


# -- references: objects that stay here, named by number -------------------------------------------------------------
_objects: Dict[int, Any] = {}
_numbers: Dict[int, int] = {}  # id(object) -> its number, while the object is kept
_counter = itertools.count(1)


def _keep(value: Any) -> int:
    number = _numbers.get(id(value))
    if number is not None and _objects.get(number) is value:
        return number
    number = next(_counter)
    _objects[number] = value
    _numbers[id(value)] = number
    return number


def _ref(value: Any, depth: int = 0) -> Dict[str, Any]:
    """The facts the judge gets about an object that stays here. Every one is data; none is trusted."""
    described: Dict[str, Any] = {"$": "ref", "side": "s", "id": _keep(value)}
    if isinstance(value, type):
        described["kind"] = "class"
        described["name"] = _safe_text(lambda: str(value.__qualname__))
        described["module"] = _safe_text(lambda: str(value.__module__))
        if value.__module__ == "builtins":
            described["builtin"] = value.__name__
        else:
            described["bases"] = [_ref(base) for base in value.__bases__ if base is not object][:32]
        return described
    if isinstance(value, types.ModuleType):
        described.update(kind="module", name=_safe_text(lambda: str(value.__name__)))
        return described
    if isinstance(value, BaseException):
        described.update(kind="exception", error=_exception(value))
        return described
    if callable(value) and not isinstance(value, type) and isinstance(value, (types.FunctionType, types.MethodType,
                                                                             types.BuiltinFunctionType)):
        described.update(kind="function", name=_safe_text(lambda: str(getattr(value, "__qualname__", "?"))))
        return described
    described.update(kind="object", cls=_ref(type(value)))
    projected = _projection(value)
    if projected is not None:
        described["data"] = _safe_encode(projected, depth + 1)
    names = channel.dataclass_fields(value)
    if names is not None:
        described["fields"] = {name: _safe_encode(getattr(value, name, None), depth + 1) for name in names}
    return described


def _projection(value: Any) -> Optional[Any]:
    """A subclass of a builtin value (numpy's float64, an OrderedDict, a NamedTuple, a str subclass) as the builtin
    value it is: what a check compares. Enums are not projected: their name and value are read as fields."""
    import enum

    if isinstance(value, enum.Enum):
        return None
    kinds: Tuple[Any, ...] = (bool, int, float, str, bytes, tuple, list, dict, set, frozenset)
    for builtin in kinds:
        if isinstance(value, builtin):
            try:
                return builtin(value)
            except BaseException:  # stylekit: ignore[SK0402] a learner's subclass may refuse its own conversion
                return None
    float_value = getattr(type(value), "__float__", None)
    if float_value is not None and type(value).__module__.split(".")[0] == "numpy":
        return float(value)
    return None


def _kept(value: Any) -> Dict[str, Any]:
    """A reference to a kept value without its projection: the judge would read a list's or dict's projection as a
    copy of the data, and the check needs a stand-in for the value itself, to pass and read back."""
    described = _ref(value)
    described.pop("data", None)
    return described


def _safe_encode(value: Any, depth: int = 0) -> Any:
    try:
        return channel.encode(value, _ref, depth)
    except channel.ChannelError:
        return _ref(value, depth)
    except BaseException:  # stylekit: ignore[SK0402] a learner's __iter__ or __len__ may raise anything
        return _ref(value, depth)


# -- the judge's objects, used here through references --------------------------------------------------------------
class JudgeObject:
    """An object of the judge's (a fake a check passes in, a callback): calls and attribute reads go up the
    channel, and what comes back is data or another reference."""

    def __init__(self, number: int, name: str) -> None:
        object.__setattr__(self, "_number", number)
        object.__setattr__(self, "_name", name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _server[0].ask_judge({"op": "call", "target": self._number, "args": [_safe_encode(arg) for arg in args],
                                  "kwargs": [[key, _safe_encode(value)] for key, value in kwargs.items()]})

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return _server[0].ask_judge({"op": "get", "target": self._number, "name": name})

    def __repr__(self) -> str:
        return f"<{self._name}>"


_judge_classes: Dict[Tuple[str, str], type] = {}


def _judge_exception_class(name: str, builtin_base: str) -> type:
    """An exception class of the judge's (a check's own `class DockTimedOut(Exception)`), made here under the same
    name on the same builtin base, so learner code can catch it as it would the real one."""
    key = (name, builtin_base)
    if key not in _judge_classes:
        import builtins

        base = getattr(builtins, builtin_base, Exception)
        if not (isinstance(base, type) and issubclass(base, BaseException)):
            base = Exception
        _judge_classes[key] = type(name, (base,), {})
    return _judge_classes[key]


def _resolve(reference: Dict[str, Any]) -> Any:
    number = int(reference["id"])
    if reference.get("side") == "s":
        if number not in _objects:
            raise channel.ChannelError(f"no object {number}")
        return _objects[number]
    if reference.get("kind") == "exception-class":
        return _judge_exception_class(str(reference.get("name")), str(reference.get("builtin", "Exception")))
    return JudgeObject(number, str(reference.get("name", "judge object")))


def _decode(data: Any) -> Any:
    return channel.decode(data, _resolve)


# -- the server ------------------------------------------------------------------------------------------------------
class Server:
    """Reads requests, answers them; a callback to the judge waits for its reply and serves any request that the
    judge sends meanwhile (a check's fake may call the learner's code again)."""

    def __init__(self, requests: int, answers: int) -> None:
        self.reader = channel.LineReader(requests)
        self.answers = answers
        self.lock = threading.RLock()
        self.asked = itertools.count(1)

    def send(self, message: Dict[str, Any]) -> None:
        channel.write_all(self.answers, channel.dumps(message))

    def receive(self) -> Optional[Dict[str, Any]]:
        while True:
            line = self.reader.pending_line()
            if line is not None:
                return channel.loads(line)
            if not self.reader.feed():
                return None

    def serve(self) -> None:
        while True:
            message = self.receive()
            if message is None or message.get("op") == "exit":
                return
            self.answer(message)

    def ask_judge(self, question: Dict[str, Any]) -> Any:
        with self.lock:
            number = next(self.asked)
            self.send({**question, "up": number})
            while True:
                message = self.receive()
                if message is None:
                    raise SystemExit(0)  # the judge is gone: nothing left to do
                if message.get("reply") == number:
                    if "raised" in message:
                        raised = message["raised"]
                        if "ref" in raised:
                            raise _decode(raised["ref"])  # the learner's own exception, passed back up unchanged
                        cls = _judge_exception_class(str(raised.get("name", "Exception")),
                                                     str(raised.get("builtin", "Exception")))
                        raise cls(*_decode(raised.get("args", {"$": "tuple", "v": []})))
                    return _decode(message.get("value"))
                self.answer(message)

    def answer(self, message: Dict[str, Any]) -> None:
        number = message.get("id")
        records, output = _Records(), CappedText()
        root = logging.getLogger()
        root.addHandler(records)
        reply: Dict[str, Any] = {"id": number}
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                done = perform(message)
            # `keep` asks for a reference even to data: a list the learner's code is to change in place.
            reply["value"] = _kept(done) if message.get("op") == "keep" else _safe_encode(done)
        except channel.ChannelError as error:
            reply["refused"] = str(error)
        except BaseException as error:  # stylekit: ignore[SK0402] whatever the learner's code raised is an answer
            reply["raised"] = _exception(error)
        finally:
            root.removeHandler(records)
        reply["logs"] = records.records
        reply["output"] = output.excerpt()
        self.send(reply)


def perform(message: Dict[str, Any]) -> Any:
    """One request's work. Attribute names are plain strings: a learner's object may answer them as it likes."""
    op = message.get("op")
    if op == "get":
        return getattr(_decode(message["target"]), str(message["name"]))
    if op == "set":
        setattr(_decode(message["target"]), str(message["name"]), _decode(message["value"]))
        return None
    if op == "call":
        function = _decode(message["target"])
        args = [_decode(arg) for arg in message.get("args", [])]
        kwargs = {str(key): _decode(value) for key, value in message.get("kwargs", [])}
        return function(*args, **kwargs)
    if op == "str":
        return _safe_text(lambda: str(_decode(message["target"])))
    if op in ("len", "bool", "iter", "next", "getitem", "contains", "equal"):
        return _operator(op, message)
    if op == "fields":
        target = _decode(message["target"])
        names = channel.dataclass_fields(target) or []
        return {name: getattr(target, name, None) for name in names}
    if op == "import":
        import importlib

        return importlib.import_module(str(message["name"]))
    if op == "files":
        return _files(Path(str(message["path"])))
    if op == "data":
        return _decode(message["target"])  # encoded as data on the way back, wherever it is data
    if op == "keep":
        return _decode(message["value"])
    if op == "define":
        return _define(str(message["source"]))
    if op == "folder":
        import tempfile

        return tempfile.mkdtemp(prefix="check-")
    raise channel.ChannelError(f"unknown request {op!r}")


def _operator(op: str, message: Dict[str, Any]) -> Any:
    target = _decode(message["target"])
    if op == "len":
        return len(target)
    if op == "bool":
        return bool(target)
    if op == "iter":
        return iter(target)
    if op == "next":
        return next(target)
    if op == "getitem":
        return target[_decode(message["key"])]
    if op == "contains":
        return _decode(message["key"]) in target
    return bool(target == _decode(message["other"]))  # op == "equal": the learner's own __eq__, asked for by name


def _define(source: str) -> types.ModuleType:
    """A check's own helper code (a subclass of the learner's class, a small fake the learner's code must accept
    as its own), run here beside the learner's names: it holds no expected value, only scaffolding."""
    helpers = types.ModuleType("stylekit_check_helpers")
    helpers.__dict__.update({name: value for name, value in sys.modules[LEARNER_MODULE].__dict__.items()
                             if not name.startswith("__")})
    exec(compile(source, f"{policy.LEARNER_FILENAME_PREFIX} check helper>", "exec"), helpers.__dict__)
    return helpers


def _files(folder: Path) -> Dict[str, bytes]:
    """The files under `folder` (relative path -> bytes), not following links, up to FILES_CAP_BYTES in all."""
    found: Dict[str, bytes] = {}
    total = 0
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        if total + size > FILES_CAP_BYTES:
            raise channel.ChannelError(f"the files under {folder.name} hold more than {FILES_CAP_BYTES:,} bytes")
        total += size
        found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


_server: List[Server] = []


# -- loading ---------------------------------------------------------------------------------------------------------
def load(cells: List[Tuple[int, str]], output: CappedText) -> Tuple[types.ModuleType, List[Dict[str, Any]]]:
    """Run the exercise's cells in order in one fresh module, as the notebook would; a failing cell does not stop
    the rest (nbgrader runs every cell too). Returns the module and, per cell that raised, what and where."""
    from stylekit.notebooks.magics import mask_ipython

    module = types.ModuleType(LEARNER_MODULE)
    module.__dict__["display"] = display
    module.__dict__["get_ipython"] = NotebookShell
    sys.modules[LEARNER_MODULE] = module
    sys.modules.setdefault("ipytest", _notebook_only_ipytest())
    problems = []
    for index, source in cells:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            try:
                exec(compile(mask_ipython(source), cell_filename(index), "exec"), module.__dict__)
            except SyntaxError as error:
                problems.append({"type": "SyntaxError", "message": str(error.msg), "cell": index,
                                 "line": error.lineno})
            except BaseException as error:  # stylekit: ignore[SK0402] any learner failure, SystemExit included
                described = _exception(error)
                problems.append({"type": type(error).__name__, "message": described["message"],
                                 "cell": described["cell"] if described["cell"] is not None else index,
                                 "line": described["line"]})
    return module, problems


def _lay_out(root: Path, files: Dict[str, str]) -> Path:
    workdir = root / "learner"
    workdir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (workdir / Path(name).name).write_bytes(base64.b64decode(content))
    (workdir / ".tmp").mkdir(exist_ok=True)
    return workdir


def limit_resources(memory_mb: int) -> None:
    if memory_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_CAP_BYTES, FILE_SIZE_CAP_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _quiet_standard_streams() -> None:
    """Descriptors 0 and 1 go nowhere: learner code writing to them directly reaches no channel. Descriptor 2 stays
    the judge's log of this process (capped by RLIMIT_FSIZE, and read only for its last lines)."""
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1):
        os.dup2(null, descriptor)
    sys.stdin = io.StringIO()  # input() reads nothing: there is nobody to answer


def main() -> None:
    requests, answers = (int(part) for part in os.environ.pop(REQUESTS_FD_ENV).split(","))
    for descriptor in (requests, answers):
        os.set_inheritable(descriptor, False)  # nothing the learner's code might start gets the channel
    _quiet_standard_streams()
    server = Server(requests, answers)
    _server.append(server)
    start = server.receive()  # waits here, warm, until the judge hands over the exercise
    if start is None:
        return
    limit_resources(int(start.get("memory_mb", 0)))
    workdir = _lay_out(Path(str(start["root"])), dict(start.get("files", {})))
    os.chdir(workdir)
    sys.path.insert(0, str(workdir))  # the modules the exercise gives, as beside the notebook
    os.environ["TMPDIR"] = str(workdir / ".tmp")
    os.environ["HOME"] = str(workdir)
    logging.getLogger().setLevel(logging.DEBUG)  # as pytest's caplog.set_level(DEBUG): every record is seen
    policy.install(learner_folders=[workdir], write_roots=[workdir])
    output = CappedText()
    records = _Records()
    logging.getLogger().addHandler(records)
    module, problems = load([(int(index), str(source)) for index, source in start.get("cells", [])], output)
    logging.getLogger().removeHandler(records)
    server.send({"ready": True, "module": _ref(module), "problems": problems, "output": output.excerpt(),
                 "logs": records.records})
    server.serve()


def run() -> None:
    """Leave at once when done, so no exit handler or finaliser of the learner's runs after the last answer."""
    try:
        main()
    finally:
        os._exit(0)


if __name__ == "__main__":
    run()
