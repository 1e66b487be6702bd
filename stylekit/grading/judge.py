"""The judge: the trusted process that runs a notebook's hidden checks and decides its verdict.

`python -I -m stylekit.grading.judge` reads one request (JudgeRequest) on stdin, runs the hidden checks with pytest,
and writes the verdict (model.NotebookVerdict) on the descriptor the runner gave it. It runs outside the sandbox and
never runs learner code: each exercise's code is loaded in a subject process of its own, in a sandbox of its own
(subject.py, containment.py), and the checks use it through stand-ins (remote.py) that carry calls down and data up.
So the hidden checks, the expected values and the verdict exist only here.

Each exercise is graded on its own: its subject loads the notebook's set-up cells and the exercise's own cells in a
fresh namespace, with a time budget of its own, so an error, a loop or a clobbered name costs only that exercise.
Static facts (names, annotations, docstrings, comments, imports, style) are read from the answer's source here.
"""
import contextlib
import io
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path, PurePosixPath
from typing import Any, Dict, List, Optional, Tuple

import pytest

from stylekit.grading.checks import CHECK_PLUGINS, MARKER, Judged
from stylekit.grading.feedback import describe_problem
from stylekit.grading.containment import SANDBOX_ROOT, sandboxed
from stylekit.grading.model import (ANSWER_FD_ENV, DEBUG_ENV, CheckResult, ExerciseVerdict, JudgeRequest,
                                    NotebookVerdict, StyleResult)
from stylekit.grading import learner_tests
from stylekit.grading.remote import (Remote, SubjectProcess, SubjectRefused, SubjectStopped, start_with_channel,
                                     stop_process)
from stylekit.notebooks.magics import mask_ipython
from stylekit.notebooks import ExerciseSpec, cell_source, exercise_cells, graded_exercises, solution_cell_indices

logger = logging.getLogger(__name__)

EXERCISE_BUDGET_CAP_SECONDS = 20.0  # one exercise's load and checks; a correct answer takes well under a second
RESERVE_SECONDS = 2.0  # of the notebook's limit, kept for the judge's own work after the last exercise
SUBJECT_MODULE = "stylekit.grading.subject"
# pytest plugins the checks never use: each costs the session a scan for fixtures.
UNUSED_PLUGINS = ("cacheprovider", "doctest", "junitxml", "pastebin", "stepwise", "setuponly", "setupplan",
                  "unraisableexception", "threadexception", "faulthandler", "nose", "debugging")
KEPT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "TZ")  # a subject sees no more of the judge's environment
OUTPUT_CAP_CHARS = 4_000  # of what the notebook's exercises printed as they loaded, shown on its feedback page
UNSAFE_IN_PROCESS_ENV = "STYLEKIT_TESTS_ONLY_UNSAFE_IN_PROCESS"  # see _load_in_this_process
# pytest's exits that mean the checks themselves did not run (a failed check is TESTS_FAILED, an ordinary outcome).
BROKEN_RUNS = (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR,
               pytest.ExitCode.NO_TESTS_COLLECTED)

class Exercise:
    """One exercise under judgement: its subject process, loaded when its first check asks for the learner's code."""

    def __init__(self, name: str, subject: Optional[SubjectProcess], start: Dict[str, Any]) -> None:
        self.name = name
        self.subject = subject
        self.start = start
        self.ready: Optional[Dict[str, Any]] = None
        self.module: Optional[Remote] = None

    def loaded(self, budget: float) -> Any:
        if self.ready is None and os.environ.get(UNSAFE_IN_PROCESS_ENV):
            self.ready, self.module = _load_in_this_process(self.start)
        if self.ready is None and self.subject is not None:
            self.ready = {"problems": [], "output": ""}
            try:
                self.ready = self.subject.load(self.start, budget)
                self.module = self.ready["module"]
            except (SubjectStopped, SubjectRefused) as error:
                self.subject.stop(str(error))
        if self.module is None:
            raise SubjectStopped(self.stopped or "the exercise's code could not be loaded")
        return self.module

    @property
    def stopped(self) -> Optional[str]:
        return self.subject.stopped if self.subject is not None else None

    def problems(self) -> List[Dict[str, Any]]:
        found = [dict(problem) for problem in (self.ready or {}).get("problems", []) if isinstance(problem, dict)]
        if self.stopped:
            found.append({"type": "Stopped", "message": f"The exercise's code was stopped: {self.stopped}",
                          "cell": None, "line": None})
        return found


def _load_in_this_process(start: Dict[str, Any]) -> Tuple[Dict[str, Any], Any]:
    """TESTS ONLY (UNSAFE_IN_PROCESS_ENV): the exercise's code loaded into the judge itself, as graders that share
    one process with the learner do, so the adversarial tests can show that each attack they hold off would work
    there. Never set it for real grading: the learner's code would run beside the checks, unsandboxed."""
    from stylekit.grading import subject

    output = subject.CappedText()
    module, problems = subject.load([(int(index), str(source)) for index, source in start["cells"]], output)
    return {"problems": problems, "output": output.excerpt()}, module


class JudgeSession:
    """A pytest plugin for one notebook: it starts each exercise's subject, hands the checks their fixtures, and
    records each check's outcome by its marker."""

    def __init__(self, request: JudgeRequest, check_files: Dict[str, Path], private: Path) -> None:
        self.request = request
        self.notebook = request.notebook
        self.by_file = {path.resolve(): exercise for exercise, path in check_files.items()}
        self.private = private
        self.deadline = time.monotonic() + request.timeout
        self.exercises: Dict[str, Exercise] = {}
        self.outcomes: Dict[str, bool] = {}
        self.judgements: Dict[str, Judged] = {}  # by check (node id): the learner's lines it looked at
        self.items: List[pytest.Item] = []
        self.run_servers: List[subprocess.Popen] = []

    # -- subjects --------------------------------------------------------------------------------------------------
    def contained(self, module: str, folder: Path) -> Tuple[List[str], str]:
        """The command that runs `python -m module` contained (its own sandbox where the machine offers one), and the
        root folder it may write in, as it sees it."""
        folder.mkdir()
        command = [sys.executable, "-I", "-m", module]
        if self.request.namespaces:
            (folder / "sandbox").mkdir()
            return sandboxed(command, folder / "sandbox"), SANDBOX_ROOT
        return command, str(folder / "root")

    def start_subjects(self) -> None:
        """Every exercise's process starts now, warm and idle: none runs learner code before its first check."""
        environment = {name: os.environ[name] for name in KEPT_ENVIRONMENT if name in os.environ}
        for exercise in sorted(set(self.by_file.values())):
            command, root = self.contained(SUBJECT_MODULE, self.private / exercise)
            subject = SubjectProcess(command, environment, self.private / exercise / "subject.log")
            start = {"root": root, "files": self.request.files, "memory_mb": self.request.memory_mb,
                     "cells": exercise_cells(self.notebook, exercise)}
            self.exercises[exercise] = Exercise(exercise, subject, start)
            try:  # every exercise loads at once: the cores are not idle while one does
                subject.begin(start)
            except SubjectStopped:
                pass  # said when its first check asks for it

        learner_tests.serve_runs_with(self.start_run_server)

    def start_run_server(self) -> learner_tests.RunServer:
        """The sandbox where learner-written tests run (section 05): started on the first run, capped from the start."""
        command, root = self.contained("stylekit.grading.learner_tests", self.private / "runs")
        environment = {**{name: os.environ[name] for name in KEPT_ENVIRONMENT if name in os.environ},
                       learner_tests.MEMORY_ENV: str(self.request.memory_mb),
                       "STYLEKIT_RUN_SERVER_ROOT": f"{root}/runs"}
        started = start_with_channel(command, environment, self.private / "runs" / "server.log",
                                     learner_tests.CHANNEL_FDS_ENV)
        self.run_servers.append(started.process)
        return learner_tests.RunServer(started.process.pid, started.requests, started.answers)

    def stop_subjects(self) -> None:
        for exercise in self.exercises.values():
            if exercise.subject is not None:
                exercise.subject.stop()
        for process in self.run_servers:
            stop_process(process)

    def budget(self, exercise: str) -> float:
        """An equal share of what is left of the notebook's limit among the exercises not yet loaded, capped."""
        waiting = sum(1 for item in self.exercises.values() if item.ready is None) or 1
        share = (self.deadline - time.monotonic() - RESERVE_SECONDS) / waiting
        return max(0.5, min(EXERCISE_BUDGET_CAP_SECONDS, share))

    def exercise_of(self, request: pytest.FixtureRequest) -> Exercise:
        name = self.by_file.get(Path(request.path).resolve(), "")
        return self.exercises[name]

    # -- fixtures the checks use -------------------------------------------------------------------------------------
    @pytest.fixture
    def learner(self, request: pytest.FixtureRequest) -> Any:
        """The exercise's code, loaded in its subject, as a stand-in for its module."""
        exercise = self.exercise_of(request)
        return exercise.loaded(self.budget(exercise.name))

    @pytest.fixture
    def subject(self, request: pytest.FixtureRequest) -> Any:
        """What a check may ask of the exercise's process beyond the learner's names (see SubjectTools)."""
        exercise = self.exercise_of(request)
        module = exercise.loaded(self.budget(exercise.name))
        if exercise.subject is None:  # the tests-only switch: the learner's module is in this process
            return InProcessTools(module)
        return SubjectTools(exercise.subject)

    @pytest.fixture
    def exercise_source(self, request: pytest.FixtureRequest) -> str:
        """The source of this exercise's solution cells, as the learner wrote it and its subject runs it: IPython-only
        lines (`%load_ext ...`, `!pip ...`) read as `pass`, line for line, so a magic does not hide the answer's
        names, comments and docstrings from the checks that read them."""
        cells = self.notebook.get("cells", [])
        name = self.by_file.get(Path(request.path).resolve(), "")
        return "\n\n".join(mask_ipython(cell_source(cells[index]))
                            for index in solution_cell_indices(self.notebook, name))

    @pytest.fixture
    def judged(self, request: pytest.FixtureRequest, exercise_source: str) -> Judged:
        """Where a judgement check names the learner's lines it looked at (checks.Judged), shown when it fails."""
        cells = self.notebook.get("cells", [])
        name = self.by_file.get(Path(request.path).resolve(), "")
        answer_cells = [(index, mask_ipython(cell_source(cells[index])))
                        for index in solution_cell_indices(self.notebook, name)]
        self.judgements[request.node.nodeid] = Judged(exercise_source, answer_cells)
        return self.judgements[request.node.nodeid]

    @pytest.fixture
    def reference_modules(self) -> Dict[str, str]:
        """The section's reference modules (name -> source), which learner-written tests are run against."""
        return dict(self.request.references)

    @pytest.fixture
    def learner_source(self, request: pytest.FixtureRequest) -> str:
        """The code this exercise is loaded from (set-up cells and its own), joined in notebook order, read as its
        subject runs it (IPython-only lines as `pass`)."""
        name = self.by_file.get(Path(request.path).resolve(), "")
        return "\n\n".join(mask_ipython(source) for _, source in exercise_cells(self.notebook, name))

    # -- hooks ---------------------------------------------------------------------------------------------------
    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", f"{MARKER}(points, expect, pattern): a graded hidden check")

    def pytest_collection_modifyitems(self, session: pytest.Session, items: List[pytest.Item]) -> None:
        self.items = [item for item in items if item.get_closest_marker(MARKER) is not None]

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if os.environ.get(UNSAFE_IN_PROCESS_ENV):
            self.exercises = {name: Exercise(name, None, {"cells": exercise_cells(self.notebook, name)})
                              for name in sorted(set(self.by_file.values()))}
            return
        self.start_subjects()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # A check passes only if set-up, call and tear-down all pass.
        failed = report.outcome == "failed" or report.outcome == "skipped" and report.when == "call"
        self.outcomes[report.nodeid] = self.outcomes.get(report.nodeid, True) and not failed

    def results(self, exercise: str) -> List[CheckResult]:
        found = []
        for item in self.items:
            if self.by_file.get(Path(str(item.path)).resolve()) != exercise:
                continue
            marker = item.get_closest_marker(MARKER)
            assert marker is not None
            judged = self.judgements.get(item.nodeid)
            found.append(CheckResult(name=item.name, expect=marker.kwargs["expect"],
                                     pattern=marker.kwargs.get("pattern"), points=float(marker.kwargs["points"]),
                                     passed=self.outcomes.get(item.nodeid, False),
                                     detail=judged.detail if judged is not None else ""))
        return found


class SubjectTools:
    """The `subject` fixture: the exercise's process, for what a check needs besides the learner's own names."""

    def __init__(self, process: SubjectProcess) -> None:
        self._process = process

    def module(self, name: str) -> Any:
        """A module imported in the subject (e.g. `json`, to replace one of its functions there for a check)."""
        return self._process.request({"op": "import", "name": name})

    def keep(self, value: Any) -> Any:
        """`value` (data) made in the subject and kept there: a stand-in for it comes back. For arguments the
        learner's code changes in place (a list of docks it appends to): read them back with list(), dict() ..."""
        return self._process.request({"op": "keep", "value": self._process.encode(value)})

    def data(self, kept: Any) -> Any:
        """What a kept value holds now, as data (a dict of lists comes back a dict of lists)."""
        return self._process.request({"op": "data", "target": self._process.encode(kept)})

    def define(self, source: str) -> Any:
        """Run a check's scaffolding (e.g. `class Rental(Loan): pass`) in the subject beside the learner's names, and
        return its namespace as a stand-in. Scaffolding only: never an expected value or a verdict."""
        return self._process.request({"op": "define", "source": source})

    def folder(self) -> str:
        """A new empty folder inside the subject, for the learner's code to write in; its path there."""
        return str(self._process.request({"op": "folder"}))

    def files(self, path: str) -> Dict[str, bytes]:
        """The files under `path` in the subject (relative path -> bytes): what the learner's code wrote."""
        found = self._process.request({"op": "files", "path": str(path)})
        return dict(found) if isinstance(found, dict) else {}

    def copy_tree(self, path: str, folder: Path) -> Path:
        """The files under `path` in the subject written under `folder` here, for checks that judge a tree with the
        proxies; a path that would leave `folder` (absolute, or with `..`) is left out. Returns `folder`."""
        return write_tree(self.files(path), folder)


def write_tree(files: Dict[str, bytes], folder: Path) -> Path:
    """`files` (relative path -> bytes, as a subject reports them) written under `folder`; nothing outside it."""
    for relative, content in files.items():
        path = PurePosixPath(str(relative))
        stays_inside = bool(path.parts) and not path.is_absolute() and ".." not in path.parts
        if not stays_inside or not isinstance(content, bytes):
            continue
        target = folder.joinpath(*path.parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError:
            continue
    return folder


class InProcessTools:
    """SubjectTools for the tests-only switch (UNSAFE_IN_PROCESS_ENV), where the learner's module is in this process:
    the same calls, done here."""

    def __init__(self, module: Any) -> None:
        self._module = module

    def module(self, name: str) -> Any:
        import importlib

        return importlib.import_module(name)

    def keep(self, value: Any) -> Any:
        return value

    def data(self, kept: Any) -> Any:
        return kept

    def define(self, source: str) -> Any:
        import types

        helpers = types.ModuleType("stylekit_check_helpers")
        names = vars(self._module).items()
        helpers.__dict__.update({name: value for name, value in names if not name.startswith("__")})
        exec(compile(source, "<check helper>", "exec"), helpers.__dict__)
        return helpers

    def folder(self) -> str:
        return tempfile.mkdtemp(prefix="check-")

    def copy_tree(self, path: str, folder: Path) -> Path:
        return write_tree(self.files(path), folder)

    def files(self, path: str) -> Dict[str, bytes]:
        root = Path(path)
        return {item.relative_to(root).as_posix(): item.read_bytes() for item in sorted(root.rglob("*"))
                if item.is_file() and not item.is_symlink()}


def style_result(spec: ExerciseSpec, notebook: Any, cells: List[Tuple[int, str]], behaviour_ok: bool) -> StyleResult:
    """Each practised pattern that a rule checks earns its share of the style points when the exercise's own cells
    have no finding for it. Style counts only once the code works. Waiver comments are not honoured in a graded
    answer (a learner could waive the very rule the exercise practises); the result says so when there were any."""
    from stylekit.engine import suppressed_rules
    from stylekit.notebook import check_cells
    from stylekit.rules import all_rules

    checked = {rule.pattern for rule in all_rules()}
    judged = [pattern for pattern in spec.patterns if pattern in checked]
    if spec.style_points <= 0 or not judged:
        return StyleResult(points=spec.style_points, earned=spec.style_points)
    mine = set(solution_cell_indices(notebook, spec.exercise))
    if not mine:
        return StyleResult(points=spec.style_points, earned=0.0,
                           withheld_reason="The exercise's answer cell is missing, so its style cannot be judged.")
    report = check_cells(cells, honour_waivers=False)
    findings = [finding for finding in report.findings if finding.cell in mine and finding.pattern in judged]
    waived = any(suppressed_rules(source) for index, source in cells if index in mine)
    note = ("Waiver comments (# stylekit: ignore...) are not applied in graded answers: every finding counts."
            if waived else None)
    if not behaviour_ok:
        return StyleResult(points=spec.style_points, earned=0.0, findings=[f.to_dict() for f in findings],
                           withheld_reason="Style points count once every check of the exercise passes.", note=note)
    clean = [pattern for pattern in judged if not any(finding.pattern == pattern for finding in findings)]
    earned = round(spec.style_points * len(clean) / len(judged), 2)
    return StyleResult(points=spec.style_points, earned=earned, findings=[f.to_dict() for f in findings], note=note)


def lay_out_checks(checks: Dict[str, str], folder: Path) -> Dict[str, Path]:
    folder.mkdir(mode=0o700)
    files = {}
    for exercise, source in checks.items():
        files[exercise] = folder / f"test_{Path(exercise).name}.py"
        files[exercise].write_text(source, encoding="utf-8")
    return files


def judge(request: JudgeRequest) -> NotebookVerdict:
    specs = [spec for _, spec in graded_exercises(request.notebook)
             if not request.exercises or spec.exercise in request.exercises]
    wanted = {spec.exercise for spec in specs}
    with tempfile.TemporaryDirectory(prefix="stylekit-judge-") as folder:
        private = Path(folder)
        check_files = lay_out_checks({name: source for name, source in request.checks.items() if name in wanted},
                                     private / "checks")
        session = JudgeSession(request, check_files, private)
        exit_code: Any = pytest.ExitCode.OK
        try:
            if check_files:
                arguments = [*map(str, check_files.values()), "-q", "--tb=no", "-p", "no:cacheprovider",
                             *[argument for plugin in UNUSED_PLUGINS for argument in ("-p", f"no:{plugin}")],
                             "--import-mode=importlib", f"--rootdir={private / 'checks'}", "-o", "addopts=",
                             "-W", "ignore", f"--basetemp={private / 'pytest'}"]
                if os.environ.get(DEBUG_ENV):  # a check author's view: each failing check's traceback, on stderr
                    with contextlib.redirect_stdout(sys.stderr):
                        exit_code = pytest.main([*arguments, "--tb=short", "-rf"], plugins=[session, *CHECK_PLUGINS])
                else:
                    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                        exit_code = pytest.main(arguments, plugins=[session, *CHECK_PLUGINS])
        finally:
            session.stop_subjects()
        if exit_code in BROKEN_RUNS:
            # pytest itself broke (a check module that does not import, a fixture that does not exist): every check
            # would read as failed. That is the grader's fault, never a learner's zero.
            logger.error(f"The hidden checks could not run: pytest exited {exit_code}")
            return NotebookVerdict(failure=f"The grader's hidden checks could not run (pytest exit code "
                                           f"{int(exit_code)}); the notebook could not be graded")
        return _verdict(request, specs, session)


def _verdict(request: JudgeRequest, specs: List[ExerciseSpec], session: JudgeSession) -> NotebookVerdict:
    verdict = NotebookVerdict()
    for spec in specs:
        if spec.exercise not in request.checks:
            verdict.exercises[spec.exercise] = ExerciseVerdict(
                exercise=spec.exercise, max_points=spec.points,
                error=f"No hidden checks are installed for exercise '{spec.exercise}'")
            continue
        checks = session.results(spec.exercise)
        exercise = session.exercises.get(spec.exercise)
        problems = exercise.problems() if exercise else []
        behaviour_ok = bool(checks) and all(check.passed for check in checks)
        cells = exercise_cells(request.notebook, spec.exercise)
        verdict.exercises[spec.exercise] = ExerciseVerdict(
            exercise=spec.exercise, max_points=spec.points, checks=checks,
            style=style_result(spec, request.notebook, cells, behaviour_ok), problems=problems,
            output=str((exercise.ready or {}).get("output", "")) if exercise else "")
        verdict.problems += [f"exercise {spec.exercise}: {describe_problem(problem)}" for problem in problems]
    printed = [f"[{name}]\n{item.output}" for name, item in verdict.exercises.items() if item.output.strip()]
    verdict.output = "\n".join(printed)[:OUTPUT_CAP_CHARS]  # each is capped already; together, one screenful
    return verdict


def warm_up() -> None:
    """What a warm judge has done once (runner.warm_judge): pytest's own plugins and the checks' plugin imported."""
    import _pytest.config  # noqa: F401 - imported for its side effect: pytest's own plugins, loaded once

    from stylekit.grading import mutation  # noqa: F401 - the checks' plugin, imported once


def judge_and_answer(request: JudgeRequest, answer_fd: int) -> None:
    """Judge, write the verdict on `answer_fd`, and leave at once (a forked judge must not return into its parent's
    code, nor run its exit handlers)."""
    # Third-party pytest plugins (hypothesis, playwright's) cost time and change pytest's classes as they load; the
    # checks use none (a judge forked from `stylekit grade` inherits its environment, not the runner's clean one).
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        verdict = judge(request)
    except BaseException as error:  # stylekit: ignore[SK0402] the runner must get an answer, whatever broke
        logger.exception("The judge failed")
        verdict = NotebookVerdict(failure=f"The grader itself failed ({type(error).__name__}); the notebook could "
                                          "not be graded")
    try:
        with os.fdopen(answer_fd, "wb") as answer:
            answer.write(json.dumps(verdict.to_dict()).encode())
    finally:
        os._exit(0)


def main() -> None:
    answer_fd = int(os.environ.pop(ANSWER_FD_ENV))
    os.set_inheritable(answer_fd, False)
    judge_and_answer(JudgeRequest.from_dict(json.loads(sys.stdin.read())), answer_fd)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    main()
