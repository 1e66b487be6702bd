"""The grading process: `python -I -m stylekit.grading.worker`, one per notebook, in its own sandbox
(containment.py), its one request on stdin (model.GradingRequest).

It lays the request out under its root (the learner's working folder, and the hidden checks in a folder of their
own), collects the checks, deletes their files, and only then loads the learner's code from the notebook into a
module (no kernel: nothing the notebook did in Jupyter carries over), runs the checks on it with pytest, adds the
style points, and writes the verdicts, after the request's secret token, to the descriptor the parent gave it.
Learner code runs under the audit policy (policy.py), the inner layer; the fingerprint and the canaries
(integrity.py) catch what the policy cannot refuse. The parent (runner.py) trusts nothing but a token-prefixed
answer that arrives before its deadline.
"""
import base64
import contextlib
import io
import json
import os
import resource
import sys
import threading
import types
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from stylekit.curriculum.cells import (ExerciseSpec, exercise_answer, graded_exercises, learner_cells,
                                       solution_cell_indices)
from stylekit.grading import learner_tests, policy
from stylekit.grading.learner_tests import UNUSED_PLUGINS
from stylekit.grading.checks import CHECK_PLUGINS, MARKER
from stylekit.grading.integrity import Canary, Fingerprint
from stylekit.grading.model import CheckResult, ExerciseVerdict, GradingRequest, NotebookVerdict, StyleResult
from stylekit.notebook import check_cells, mask_ipython
from stylekit.rules import all_rules

# Libraries that rebind standard-library functions when first imported: typing_extensions replaces
# typing._check_generic and typing._collect_parameters. Imported by the grader before the fingerprint, a learner's
# `from pydantic import BaseModel` is not mistaken for tampering when no check happened to import them first.
PATCHING_LIBRARIES = ("typing_extensions",)

LEARNER_MODULE = "stylekit_learner"  # the name the learner's code is loaded under
OUTPUT_CAP_LINES = 40  # of what the learner's code printed while loading, kept for the feedback
OUTPUT_CAP_CHARS = 4_000  # characters of it: a screenful, enough to see a debugging print, small in a page
FILE_SIZE_CAP_BYTES = 256 * 1024 * 1024  # no file the learner's code writes grows past this
PR_SET_DUMPABLE = 4  # prctl option (linux/prctl.h)


class CappedText(io.TextIOBase):
    """A text sink that keeps the first OUTPUT_CAP_LINES lines and OUTPUT_CAP_CHARS characters and only counts
    the rest, so a flood of output (a 20 MB line, a million lines) costs neither memory nor disk."""

    def __init__(self) -> None:
        self.kept: List[str] = []
        self.chars = 0
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        kept_chars = sum(len(part) for part in self.kept)
        if self.lines < OUTPUT_CAP_LINES and kept_chars < OUTPUT_CAP_CHARS:
            room_lines = OUTPUT_CAP_LINES - self.lines
            head = "".join(text.splitlines(keepends=True)[:room_lines])
            self.kept.append(head[:OUTPUT_CAP_CHARS - kept_chars])
        self.chars += len(text)
        self.lines += text.count("\n")
        return len(text)

    def excerpt(self) -> str:
        shown = "".join(self.kept)
        if self.chars > len(shown):
            shown += f"\n... ({self.chars} characters, {self.lines} lines in all; the rest is not kept)"
        return shown


def _notebook_only_ipytest() -> types.ModuleType:
    """ipytest runs a notebook's test cells in the kernel; the grading process has no kernel and runs the hidden
    checks itself, so the learner's `ipytest.autoconfig()` and `ipytest.run()` do nothing here."""
    stub = types.ModuleType("ipytest")
    for name in ("autoconfig", "config", "run", "clean", "clean_tests", "force_reload"):
        setattr(stub, name, lambda *args, **kwargs: None)
    return stub


class NotebookShell:
    """What `get_ipython()` returns while grading: a shell with nothing to run. Magics (%load_ext, %matplotlib,
    %%time) configure a kernel the grading process does not have, so they do nothing, and the code around them
    is graded as the notebook would run it."""

    def __init__(self) -> None:
        self.ast_transformers: List[Any] = []  # what an IPython extension would add to; never applied here
        self.user_ns: Dict[str, Any] = {}

    def run_line_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def run_cell_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def system(self, *args: Any, **kwargs: Any) -> None:
        return None

    def set_custom_exc(self, *args: Any, **kwargs: Any) -> None:
        return None

    def register_magic_function(self, *args: Any, **kwargs: Any) -> None:
        return None


def hide_grader_from_learner(session: pytest.Session) -> None:
    """Drop the ways learner code could reach the checks or this session through plain module attributes.

    The check modules (and conftest files) leave sys.modules: their tests keep running from pytest's own
    references. pytest's mark generator keeps the configuration (hence the plugins and this session) in a class
    attribute; it only needs it to validate markers, which collection has done. The debugging and assertion
    plugins, which keep it in module globals too, are not loaded (see grade()). gc and frames, the other ways,
    are refused by the policy.
    """
    from _pytest.mark import MARK_GEN

    checks_root = str(session.config.rootpath)
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", "") or "").startswith(checks_root):
            del sys.modules[name]
    MARK_GEN._config = None  # stylekit: ignore[SK1101] pytest offers no public way to let go of it


def cell_filename(index: int) -> str:
    """Learner code is compiled under this name: the audit policy recognises learner frames by it."""
    return f"{policy.LEARNER_FILENAME_PREFIX} cell {index}>"


def load_learner_code(cells: List[Tuple[int, str]], output: CappedText) -> Tuple[types.ModuleType, List[str]]:
    """Run the learner's cells in order in one module, as the notebook would; a failing cell does not stop
    the rest (nbgrader runs every cell too). Returns the module and one message per failed cell."""
    module = types.ModuleType(LEARNER_MODULE)
    module.__dict__["display"] = print  # Jupyter's display(), which learners use like print
    module.__dict__["get_ipython"] = NotebookShell  # what a magic becomes when a notebook is exported as code
    sys.modules[LEARNER_MODULE] = module
    sys.modules.setdefault("ipytest", _notebook_only_ipytest())
    problems = []
    for index, source in cells:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            try:
                exec(compile(mask_ipython(source), cell_filename(index), "exec"), module.__dict__)
            except BaseException as error:  # stylekit: ignore[SK0402] any learner failure, SystemExit included
                problems.append(f"cell {index} raised {type(error).__name__}: {str(error)[:300]}")
    return module, problems


def style_result(spec: ExerciseSpec, notebook: Any, cells: List[Tuple[int, str]], behaviour_ok: bool) -> StyleResult:
    """Each practised pattern that a rule checks earns its share of the style points when the exercise's own
    cells have no finding for it. Style counts only once the code works."""
    checked = {rule.pattern for rule in all_rules()}
    judged = [pattern for pattern in spec.patterns if pattern in checked]
    if spec.style_points <= 0 or not judged:
        return StyleResult(points=spec.style_points, earned=spec.style_points)
    mine = set(solution_cell_indices(notebook, spec.exercise))
    if not mine:
        return StyleResult(points=spec.style_points, earned=0.0,
                           withheld_reason="The exercise's answer cell is missing, so its style cannot be judged.")
    report = check_cells(cells)
    findings = [finding for finding in report.findings if finding.cell in mine and finding.pattern in judged]
    if not behaviour_ok:
        return StyleResult(points=spec.style_points, earned=0.0, findings=[f.to_dict() for f in findings],
                           withheld_reason="Style points count once every check of the exercise passes.")
    clean = [pattern for pattern in judged if not any(finding.pattern == pattern for finding in findings)]
    earned = round(spec.style_points * len(clean) / len(judged), 2)
    return StyleResult(points=spec.style_points, earned=earned, findings=[f.to_dict() for f in findings])





def import_patching_libraries() -> None:
    for name in PATCHING_LIBRARIES:
        with contextlib.suppress(ImportError):
            __import__(name)


class GradingSession:
    """A pytest plugin for one notebook: it hands out the learner fixtures, loads the learner's code once the
    checks are collected, plants the canaries and records each check's outcome by its marker."""

    def __init__(self, notebook: Any, exercise_files: Dict[str, Path], module: Optional[types.ModuleType] = None,
                 references: Optional[Dict[str, str]] = None) -> None:
        """`module`: the learner's code already loaded (a benchmark runs the checks in a kernel, as stock
        nbgrader would); by default the session loads it from the notebook once the checks are collected, after
        deleting the checks' files. `references`: the section's reference modules (name -> source)."""
        self.notebook = notebook
        self.preloaded = module
        self.references = dict(references or {})
        self.cells = learner_cells(notebook)
        self.by_file = {path.resolve(): exercise for exercise, path in exercise_files.items()}
        self.output = CappedText()
        self.module: Optional[types.ModuleType] = None
        self.problems: List[str] = []
        self.tampering: List[str] = []
        self.canaries: Dict[str, bool] = {}
        self.outcomes: Dict[str, bool] = {}
        self.items: List[pytest.Item] = []
        self.fingerprint: Optional[Fingerprint] = None

    # -- fixtures the checks use --------------------------------------------------------------------------
    @pytest.fixture
    def learner(self) -> types.ModuleType:
        """The learner's code, loaded from the notebook, as a module."""
        assert self.module is not None
        return self.module

    @pytest.fixture
    def exercise_source(self, request: pytest.FixtureRequest) -> str:
        """The source of this exercise's solution cells, as the learner wrote it."""
        return exercise_answer(self.notebook, self.by_file.get(Path(request.path).resolve(), ""))

    @pytest.fixture
    def reference_modules(self) -> Dict[str, str]:
        """The section's reference modules (name -> source), which learner-written tests are run against."""
        return dict(self.references)

    @pytest.fixture
    def learner_source(self) -> str:
        """All of the learner's code cells, joined in notebook order."""
        return "\n\n".join(source for _, source in self.cells)

    # -- hooks ----------------------------------------------------------------------------------------------
    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", f"{MARKER}(points, expect, pattern): a graded hidden check")

    def pytest_collection_modifyitems(self, session: pytest.Session, items: List[pytest.Item]) -> None:
        self.items = [item for item in items if item.get_closest_marker(MARKER) is not None]
        if self.preloaded is not None:
            return  # checks run beside code loaded elsewhere: there is no grading process to vouch for
        planted: List[pytest.Item] = []
        for position, item in enumerate(items):
            is_last_of_module = position + 1 == len(items) or items[position + 1].parent is not item.parent
            planted.append(item)
            if is_last_of_module:
                canary = Canary()
                planted.append(pytest.Function.from_parent(item.parent, name=canary.name, callobj=canary))
                self.canaries[planted[-1].nodeid] = False
        items[:] = planted

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """The checks are imported and compiled: only now does any learner code run."""
        if self.preloaded is not None:
            self.module = self.preloaded
            return
        hide_grader_from_learner(session)
        for path in set(self.by_file):
            path.unlink()  # collected: the learner's code must find no check on the disk
        import_patching_libraries()
        self.fingerprint = Fingerprint()
        self.module, self.problems = load_learner_code(self.cells, self.output)
        self.tampering.extend(self.fingerprint.changes())

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Compared here, not after pytest returns: pytest undoes its own class patches when it unconfigures."""
        if self.fingerprint is not None:
            self.tampering.extend(self.fingerprint.changes())

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # A check passes only if set-up, call and tear-down all pass.
        failed = report.outcome == "failed" or report.outcome == "skipped" and report.when == "call"
        if report.nodeid in self.canaries:
            self.canaries[report.nodeid] = self.canaries[report.nodeid] or report.when == "call" and not failed
            return
        self.outcomes[report.nodeid] = self.outcomes.get(report.nodeid, True) and not failed

    def results(self, exercise: str) -> List[CheckResult]:
        found = []
        for item in self.items:
            if self.by_file.get(Path(str(item.path)).resolve()) != exercise:
                continue
            marker = item.get_closest_marker(MARKER)
            assert marker is not None
            found.append(CheckResult(name=item.name, expect=marker.kwargs["expect"],
                                     pattern=marker.kwargs.get("pattern"), points=float(marker.kwargs["points"]),
                                     passed=self.outcomes.get(item.nodeid, False)))
        return found


def lay_out(request: GradingRequest) -> Tuple[Path, Dict[str, Path]]:
    """Write the learner's working folder and the hidden checks under the request's root; returns the working
    folder and each exercise's check file (in a folder of their own, outside the working folder)."""
    root = Path(request.root)
    workdir, checks = root / "learner", root / "checks"
    workdir.mkdir(parents=True, exist_ok=True)
    checks.mkdir(mode=0o700, exist_ok=True)
    for name, content in request.files.items():
        (workdir / Path(name).name).write_bytes(base64.b64decode(content))
    files = {}
    for exercise, source in request.checks.items():
        files[exercise] = checks / f"test_{Path(exercise).name}.py"
        files[exercise].write_text(source, encoding="utf-8")
    return workdir, files


def grade(request: GradingRequest, workdir: Path, present: Dict[str, Path]) -> NotebookVerdict:
    notebook = request.notebook
    specs = [spec for _, spec in graded_exercises(notebook)]
    session = GradingSession(notebook, present, references=request.references)
    if present:
        checks_root = next(iter(present.values())).parent
        # No debugging or assertion plugins: both keep pytest's configuration in module globals learner code could
        # read; no plugin a check does not use either (each costs the session a scan for fixtures).
        unused = [argument for plugin in (*UNUSED_PLUGINS, "debugging", "assertion")
                  for argument in ("-p", f"no:{plugin}")]
        arguments = [*map(str, present.values()), "-q", "--tb=no", *unused, "--import-mode=importlib",
                     f"--rootdir={checks_root}", "-o", "addopts=", "-W", "ignore", f"--basetemp={workdir / '.pytest'}"]
        with contextlib.redirect_stdout(CappedText()), contextlib.redirect_stderr(CappedText()):
            pytest.main(arguments, plugins=[session, *CHECK_PLUGINS])
    else:
        session.module, session.problems = load_learner_code(session.cells, session.output)
    verdict = NotebookVerdict(problems=session.problems, output=session.output.excerpt())
    threads = len(sys._current_frames())  # stylekit: ignore[SK1101] counts threads started with _thread too
    if threading.active_count() > 1 or threads > 1:
        verdict.failure = "The submission left threads running after its code was checked; it cannot be graded"
    elif session.tampering:
        verdict.failure = ("The submission changed the grader while it was being graded "
                           f"({', '.join(sorted(set(session.tampering))[:5])}); it cannot be graded")
    elif any(session.canaries.values()):
        verdict.failure = "The submission made the grader report checks as passed that failed; it cannot be graded"
    for spec in specs:
        if spec.exercise not in present:
            verdict.exercises[spec.exercise] = ExerciseVerdict(
                exercise=spec.exercise, max_points=spec.points,
                error=f"No hidden checks are installed for exercise '{spec.exercise}'")
            continue
        checks = session.results(spec.exercise)
        behaviour_ok = bool(checks) and all(check.passed for check in checks)
        verdict.exercises[spec.exercise] = ExerciseVerdict(
            exercise=spec.exercise, max_points=spec.points, checks=checks,
            style=style_result(spec, notebook, session.cells, behaviour_ok))
    return verdict


def limit_resources(memory_mb: int) -> None:
    if memory_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_CAP_BYTES, FILE_SIZE_CAP_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def not_dumpable() -> None:
    """No other process of the same uid may read this one's memory (where the checks are once collected) through
    /proc or ptrace, e.g. a process the learner's code managed to start."""
    import ctypes

    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def main() -> None:
    """Read the request from stdin, grade, answer on the request's descriptor, and leave at once, so that no
    exit handler or finaliser the learner's code registered runs after the answer."""
    not_dumpable()
    learner_tests.start_server()  # before the request, with the checks, is read
    request = GradingRequest.from_dict(json.loads(sys.stdin.read()))
    sys.stdin.close()
    os.set_inheritable(request.result_fd, False)  # nothing the learner's code might start gets the channel
    limit_resources(request.memory_mb)
    workdir, present = lay_out(request)
    os.chdir(workdir)
    sys.path.insert(0, str(workdir))  # the modules the exercise gives, as beside the notebook
    os.environ["TMPDIR"] = str(workdir / ".tmp")
    os.environ["HOME"] = str(workdir)
    (workdir / ".tmp").mkdir(exist_ok=True)
    policy.install(learner_folders=[workdir], write_roots=[workdir])
    verdict = grade(request, workdir, present)
    answer = f"{request.token}\n{json.dumps(verdict.to_dict())}".encode()
    with os.fdopen(request.result_fd, "wb") as channel:
        channel.write(answer)
    os._exit(0)


if __name__ == "__main__":
    main()
