"""Running the tests a learner wrote (section 05) against a chosen implementation of the code under test.

Hidden checks use it to prove that the learner's tests pass on the reference implementation and fail on
deliberately broken versions of it. Each run is a child forked from a process that has imported pytest already: a
run costs a fork and a pytest session, not a new interpreter. In a grading process that process is its run server
(`start_server`), forked at the start, before the request (with the checks) is read and before any learner code
runs, so runs start clean and share the grading process's sandbox. The child runs in a fresh folder holding the
implementation's modules and the learner's tests, under an audit policy for that folder, so a mutant never leaks
into the next run. It answers once, on a pipe, after a secret token that only the code that forked it knows.
"""
import hmac
import json
import os
import secrets
import selectors
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type, TypeVar

import pytest

from stylekit.grading import policy

# One run of a learner's test module: a correct one takes well under a second, and a loop in a learner's test
# must cost far less than the notebook's whole grading budget (runner.DEFAULT_TIMEOUT_SECONDS).
RUN_TIMEOUT_SECONDS = 10.0
PARALLEL_RUNS = max(2, os.cpu_count() or 1)  # children at once: the runs are short and CPU-bound
TEST_PREAMBLE = "import pytest\nfrom unittest import mock\n\n"  # what a test module of the house always imports
TEST_MODULE = "test_learner"
# Third-party pytest plugins (hypothesis above all) add about a second to every run; learners' tests need none.
PLUGIN_AUTOLOAD_ENV = "PYTEST_DISABLE_PLUGIN_AUTOLOAD"
# pytest plugins a learner's test module never uses (reports, doctests, run order); each costs every run
# a scan for fixtures. Fixtures learners do use stay: tmp_path, monkeypatch, capsys, caplog, recwarn; unittest too.
UNUSED_PLUGINS = ("cacheprovider", "doctest", "junitxml", "pastebin", "stepwise", "setuponly",
                  "setupplan", "unraisableexception", "threadexception", "faulthandler", "nose")
ANSWER_CAP_BYTES = 1024 * 1024  # an answer names each test and its outcome: far less than this

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
    """The grading process's end of its run server: requests go down one pipe, answers come up another."""

    pid: int
    requests: int
    answers: int

    def run(self, runs: Sequence[Run], timeout: float) -> List[LearnerTestRun]:
        message = json.dumps({"runs": [[tests, modules] for tests, modules in runs], "timeout": timeout,
                              "folder": tempfile.gettempdir()}).encode() + b"\n"
        stopped = [LearnerTestRun(error="the tests' runner stopped") for _ in runs]
        received = bytearray()
        try:
            _write_all(self.requests, message)
            while not received.endswith(b"\n"):
                chunk = os.read(self.answers, 65536)
                if not chunk:
                    return stopped
                received.extend(chunk)
            results = [LearnerTestRun.from_dict(item) for item in json.loads(received)]
        except (OSError, ValueError, KeyError, TypeError):
            return stopped
        return results if len(results) == len(runs) else stopped


_server: List[RunServer] = []  # this process's run server, once started


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
        tempfile.tempdir = str(message["folder"])
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
