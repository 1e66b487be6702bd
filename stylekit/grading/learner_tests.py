"""Running the tests a learner wrote (section 05) against a chosen implementation of the code under test.

Hidden checks use it to prove that the learner's tests pass on the reference implementation (and on equivalent
rewrites of it) and fail on deliberately broken versions of it. The runs are learner code, so they never run in the
judge: the judge starts a run server (`python -I -m stylekit.grading.learner_tests`) in a sandbox of its own, with
the memory cap set before anything else, and sends it batches of runs. Each run is a child forked from the server,
which has imported pytest already: a run costs a fork and a pytest session, not a new interpreter. The child runs in
a fresh folder holding the implementation's modules and the learner's tests, so a mutant never leaks into the next
run, and answers once, on a pipe of its own. The judge shuffles each batch, so a run's position says nothing of
which implementation it holds, and it decides from the outcomes alone.
"""
import hmac
import json
import os
import random
import resource
import secrets
import selectors
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Type, TypeVar

import pytest

from stylekit.grading import policy

# One run of a learner's test module: a correct one takes well under a second, and a loop in a learner's test
# must cost far less than the notebook's whole grading budget (runner.DEFAULT_TIMEOUT_SECONDS).
RUN_TIMEOUT_SECONDS = 10.0
PARALLEL_RUNS = max(2, os.cpu_count() or 1)  # children at once: the runs are short and CPU-bound
# What a test module of the house always imports, and the notebook's display() and get_ipython(), inert as in the
# subject: a learner's test cell that uses them runs as it did in the kernel (its magics are masked by the judge).
# Written out here, not imported: the run's module is learner code, which may read nothing outside Python's roots.
TEST_PREAMBLE = ("import pytest\nfrom unittest import mock\n\n\n"
                 "def display(*objects, **options):\n    print(*objects)\n\n\n"
                 "class _Shell:\n    def __getattr__(self, name):\n        return lambda *args, **kwargs: None\n\n\n"
                 "def get_ipython():\n    return _Shell()\n\n\n")
TEST_MODULE = "test_learner"
# Third-party pytest plugins (hypothesis above all) add about a second to every run; learners' tests need none.
PLUGIN_AUTOLOAD_ENV = "PYTEST_DISABLE_PLUGIN_AUTOLOAD"
# pytest plugins a learner's test module never uses (reports, doctests, run order); each costs every run
# a scan for fixtures. Fixtures learners do use stay: tmp_path, monkeypatch, capsys, caplog, recwarn; unittest too.
UNUSED_PLUGINS = ("cacheprovider", "doctest", "junitxml", "pastebin", "stepwise", "setuponly",
                  "setupplan", "unraisableexception", "threadexception", "faulthandler", "nose")
ANSWER_CAP_BYTES = 1024 * 1024  # an answer names each test and its outcome: far less than this
SERVER_MARGIN_SECONDS = 10.0  # a batch's answer may come this much later than its runs' own limits
CHANNEL_FDS_ENV = "STYLEKIT_RUN_SERVER_FDS"  # "requests,answers", for a server started as a program
MEMORY_ENV = "STYLEKIT_RUN_SERVER_MEMORY_MB"  # its cap, set before anything of the learner's runs

T_LearnerTestRun = TypeVar("T_LearnerTestRun", bound="LearnerTestRun")
Run = Tuple[str, Dict[str, str]]  # the learner's test source, and the modules (name -> source) beside it


@dataclass
class LearnerTestRun:
    """Outcome per learner test function (True: passed), or why nothing could run."""

    outcomes: Dict[str, bool] = field(default_factory=dict)
    error: Optional[str] = None

    @property
    def collected(self) -> int:
        return len(self.outcomes)

    @property
    def all_passed(self) -> bool:
        return self.error is None and bool(self.outcomes) and all(self.outcomes.values())

    @property
    def any_failed(self) -> bool:
        """The tests caught something: at least one ran and failed."""
        return self.error is None and not all(self.outcomes.values())

    def to_dict(self) -> Dict[str, Any]:
        return {"outcomes": self.outcomes, "error": self.error}

    @classmethod
    def from_dict(cls: Type[T_LearnerTestRun], raw: Dict[str, Any]) -> T_LearnerTestRun:
        return cls(outcomes={str(name): bool(passed) for name, passed in dict(raw["outcomes"]).items()},
                   error=None if raw.get("error") is None else str(raw["error"]))


class _Recorder:
    """The child's pytest plugin: each test's outcome (a test passes when no phase failed), and whether the
    module could be collected at all."""

    def __init__(self) -> None:
        self.outcomes: Dict[str, bool] = {}
        self.collection_failed = False

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_failed = True

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        name = report.nodeid.split("::")[-1]
        self.outcomes[name] = self.outcomes.get(name, True) and not report.failed


def run_learner_tests(test_source: str, modules: Dict[str, str],
                      timeout: float = RUN_TIMEOUT_SECONDS) -> LearnerTestRun:
    """Run `test_source` (the learner's tests) with `modules` (name -> source) importable beside it."""
    return run_many([(test_source, modules)], timeout)[0]


@dataclass
class RunServer:
    """The caller's end of a run server: requests go down one pipe, answers come up another."""

    pid: int
    requests: int
    answers: int

    def run(self, runs: Sequence[Run], timeout: float) -> List[LearnerTestRun]:
        """The runs' outcomes, in the order of `runs`; the server sees them in a shuffled order."""
        order = list(range(len(runs)))
        random.SystemRandom().shuffle(order)
        message = json.dumps({"runs": [[runs[index][0], runs[index][1]] for index in order], "timeout": timeout,
                              "folder": tempfile.gettempdir()}).encode() + b"\n"
        stopped = [LearnerTestRun(error="the tests' runner stopped") for _ in runs]
        batches = -(-len(runs) // PARALLEL_RUNS)
        deadline = time.monotonic() + timeout * batches + SERVER_MARGIN_SECONDS
        received = bytearray()
        try:
            _write_all(self.requests, message)
            with selectors.DefaultSelector() as selector:
                selector.register(self.answers, selectors.EVENT_READ)
                while not received.endswith(b"\n"):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or len(received) > ANSWER_CAP_BYTES * len(runs):
                        return stopped
                    if not selector.select(timeout=remaining):
                        continue
                    chunk = os.read(self.answers, 65536)
                    if not chunk:
                        return stopped
                    received.extend(chunk)
            shuffled = [LearnerTestRun.from_dict(item) for item in json.loads(received)]
        except (OSError, ValueError, KeyError, TypeError):
            return stopped
        if len(shuffled) != len(runs):
            return stopped
        results = list(stopped)
        for position, index in enumerate(order):
            results[index] = shuffled[position]
        return results


_server: List[RunServer] = []  # this process's run server, once started
_server_factory: List[Callable[[], RunServer]] = []  # how to start one on first use (the judge's sandboxed server)
_own_folder: List[str] = []  # a server started as a program: the scratch folder its runs go in


def serve_runs_with(factory: Callable[[], RunServer]) -> None:
    """Every later run goes to a server that `factory` starts on first use (the judge: one in a sandbox)."""
    _server.clear()
    _server_factory[:] = [factory]


def start_server() -> None:
    """Fork the run server: call it before reading anything secret and before any learner code runs."""
    request_reader, request_writer = os.pipe()
    answer_reader, answer_writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(request_writer)
        os.close(answer_reader)
        _serve(request_reader, answer_writer)
    os.close(request_reader)
    os.close(answer_writer)
    for descriptor in (request_writer, answer_reader):
        os.set_inheritable(descriptor, False)
    _server.append(RunServer(pid, request_writer, answer_reader))


def _warm_up() -> None:
    """Run one pytest session on a test of nothing, once, so that each forked run finds pytest's plugins imported
    and its caches filled: a run then costs about half as much."""
    policy.python_roots()
    folder = Path(tempfile.mkdtemp(prefix="warm-up-"))
    try:
        (folder / f"{TEST_MODULE}.py").write_text("def test_nothing():\n    pass\n", encoding="utf-8")
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = open(os.devnull, "w")  # stylekit: ignore[SK0903] closed below
        try:
            pytest.main(_pytest_arguments(folder), plugins=[_Recorder()])
        finally:
            sys.stdout.close()
            sys.stdout, sys.stderr = saved
    finally:
        sys.modules.pop(TEST_MODULE, None)
        shutil.rmtree(folder, ignore_errors=True)


def _preimport_standard_library(runs: Sequence[Run]) -> None:
    """Import, once, the standard-library modules the runs' sources import (unittest.mock alone, which imports
    asyncio, costs a third of a run), so that no forked run pays for them. Only standard-library modules: nothing
    of the learner's runs here."""
    import ast
    import importlib

    names = {"unittest.mock"}
    for tests, modules in runs:
        for source in (tests, *modules.values()):
            try:
                tree = ast.parse(source)
            except (SyntaxError, ValueError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module)
    for name in sorted(names):
        if name.split(".")[0] in sys.stdlib_module_names and name not in sys.modules:
            try:
                importlib.import_module(name)
            except ImportError:
                pass  # the run will say so itself


def _pytest_arguments(folder: Path) -> List[str]:
    unused = [argument for plugin in UNUSED_PLUGINS for argument in ("-p", f"no:{plugin}")]
    return ["-q", "-s", "--tb=no", *unused, "-o", "addopts=", "-W", "ignore", f"--rootdir={folder}",
            f"--basetemp={folder / '.pytest'}", str(folder / f"{TEST_MODULE}.py")]


def _serve(requests: int, answers: int) -> None:
    """The run server's loop: one line of JSON per batch of runs, answered with one line; ends with its pipe."""
    os.environ[PLUGIN_AUTOLOAD_ENV] = "1"
    sys.dont_write_bytecode = True  # each run's folder is deleted after it
    try:
        with os.fdopen(requests, "rb") as incoming:
            for number, line in enumerate(incoming):
                _answer(line, number == 0, answers, keep_closed=(requests, answers))
    finally:
        os._exit(0)


def _answer(line: bytes, first: bool, answers: int, keep_closed: Tuple[int, ...]) -> None:
    """One batch of runs; a request the server cannot read is answered with no results (the checks then fail)."""
    try:
        message = json.loads(line)
        runs = [(str(tests), dict(modules)) for tests, modules in message["runs"]]
        timeout = float(message["timeout"])
        # A forked server uses its caller's folder; a server started as a program (in its sandbox) its own.
        tempfile.tempdir = _own_folder[0] if _own_folder else str(message["folder"])
    except (ValueError, KeyError, TypeError):
        _write_all(answers, b"[]\n")
        return
    if first:
        _warm_up()  # here, not at the start: most notebooks have no learner-written tests
    _preimport_standard_library(runs)
    results = _fork_all(runs, timeout, keep_closed)
    _write_all(answers, json.dumps([result.to_dict() for result in results]).encode() + b"\n")


def _write_all(descriptor: int, data: bytes) -> None:
    """A message may be larger than a pipe holds at once: os.write is called until all of it is written."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def run_many(runs: Sequence[Run], timeout: float = RUN_TIMEOUT_SECONDS) -> List[LearnerTestRun]:
    """Each run in a child of its own, PARALLEL_RUNS at a time; results in the order of `runs`."""
    if not runs:
        return []
    if not _server and _server_factory:
        _server.append(_server_factory[0]())
    if _server:
        return _server[0].run(runs, timeout)
    return _fork_all(runs, timeout, keep_closed=())


def _fork_all(runs: Sequence[Run], timeout: float, keep_closed: Tuple[int, ...]) -> List[LearnerTestRun]:
    results: List[LearnerTestRun] = []
    for start in range(0, len(runs), PARALLEL_RUNS):
        children = [_fork(tests, modules, keep_closed) for tests, modules in runs[start:start + PARALLEL_RUNS]]
        deadline = time.monotonic() + timeout
        results += [_collect(pid, reader, token, deadline, timeout) for pid, reader, token in children]
    return results


def _fork(tests: str, modules: Dict[str, str], keep_closed: Tuple[int, ...]) -> Tuple[int, int, str]:
    token = secrets.token_hex(16)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        for descriptor in (reader, *keep_closed):  # the learner's tests get no pipe but their own answer's
            os.close(descriptor)
        _child(tests, modules, writer, token)
    os.close(writer)
    return pid, reader, token


def _child(tests: str, modules: Dict[str, str], writer: int, token: str) -> None:
    answer = LearnerTestRun(error="the tests could not be run")
    try:
        null = os.open(os.devnull, os.O_RDWR)
        for descriptor in (0, 1, 2):
            os.dup2(null, descriptor)
        sys.stdout = sys.stderr = open(os.devnull, "w")  # stylekit: ignore[SK0903] the child leaves with os._exit
        os.environ[PLUGIN_AUTOLOAD_ENV] = "1"
        sys.dont_write_bytecode = True  # the run's folder is deleted after it
        answer = _run_in_child(tests, modules)
    except BaseException as error:  # stylekit: ignore[SK0402] whatever happened, the parent gets an answer
        answer = LearnerTestRun(error=f"the tests could not be run ({type(error).__name__})")
    finally:
        try:
            _write_all(writer, f"{token}\n{json.dumps(answer.to_dict())}".encode())
        finally:
            os._exit(0)


def _run_in_child(tests: str, modules: Dict[str, str]) -> LearnerTestRun:
    """In the grading process, the temporary folder is in the learner's working folder (worker.main sets TMPDIR)."""
    folder = Path(tempfile.mkdtemp(prefix="learner-tests-"))
    try:
        return _run_in(folder, tests, modules)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_in(folder: Path, tests: str, modules: Dict[str, str]) -> LearnerTestRun:
    for name, source in modules.items():
        (folder / f"{name}.py").write_text(source, encoding="utf-8")
    (folder / f"{TEST_MODULE}.py").write_text(TEST_PREAMBLE + tests, encoding="utf-8")
    # The grading process may have imported the learner's copies of these modules (from its working folder, the
    # current one): the run must import its own.
    working_folder = os.path.realpath(os.getcwd())
    for name, module in list(sys.modules.items()):
        origin = str(getattr(module, "__file__", "") or "")
        is_from_working_folder = bool(origin) and os.path.dirname(origin) == working_folder
        if name in modules or name == TEST_MODULE or is_from_working_folder:
            del sys.modules[name]
    os.chdir(folder)
    sys.path.insert(0, str(folder))
    if not policy.is_installed():  # in a grading process the folder is inside the learner's, under its policy
        policy.install(learner_folders=[folder], write_roots=[folder])
    recorder = _Recorder()
    pytest.main(_pytest_arguments(folder), plugins=[recorder])
    if recorder.collection_failed:
        return LearnerTestRun(error="the tests could not be collected (does the code parse and import?)")
    return LearnerTestRun(outcomes=dict(recorder.outcomes))


def _collect(pid: int, reader: int, token: str, deadline: float, timeout: float) -> LearnerTestRun:
    received = bytearray()
    finished = False
    with selectors.DefaultSelector() as selector:
        selector.register(reader, selectors.EVENT_READ)
        while time.monotonic() < deadline and len(received) < ANSWER_CAP_BYTES:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                continue
            chunk = os.read(reader, 65536)
            if not chunk:
                finished = True
                break
            received.extend(chunk)
    os.close(reader)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    if not finished:
        return LearnerTestRun(error=f"the tests ran longer than {timeout:g} s")
    head, _, body = bytes(received).partition(b"\n")
    try:
        if hmac.compare_digest(head, token.encode()):
            return LearnerTestRun.from_dict(json.loads(body))
    except (ValueError, KeyError, TypeError):
        pass
    return LearnerTestRun(error="the tests' run gave no genuine answer")


def main() -> None:
    """A run server as a program of its own (the judge starts it in a sandbox): capped first, then serving."""
    requests, answers = (int(part) for part in os.environ.pop(CHANNEL_FDS_ENV).split(","))
    memory_mb = int(os.environ.pop(MEMORY_ENV, "0") or 0)
    if memory_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1):
        os.dup2(null, descriptor)
    scratch = Path(os.environ.get("STYLEKIT_RUN_SERVER_ROOT") or tempfile.mkdtemp(prefix="runs-"))
    scratch.mkdir(parents=True, exist_ok=True)
    _own_folder.append(str(scratch))
    os.chdir(scratch)
    _serve(requests, answers)


if __name__ == "__main__":
    main()
