"""How fast does a class get graded? Prints JSON: stock sequential nbgrader against `stylekit grade`, in one run.

Usage: python benchmarks/bench_grading.py [--count N] [--timeout T] [--keep]

The submissions are ordinary notebooks of the two pilot sections (02_type_system, 05_testing): for each
section a mix of the model solution, the released stub, and the wrong and the unstyled variants its
source declares (sections/<section>/exercises/*.md), one notebook per learner (learner01, learner02, ...),
laid out as nbgrader's `submitted/<learner>/<section>/<section>.ipynb`.

- `stock` is nbgrader as a stock course runs it: its own default autograde preprocessors (Execute in a real
  kernel, no HiddenChecks), `nbgrader autograde SECTION` on the command line, one student after the other. To
  make it do the same work, the course's source notebooks are the kit's solutions whose graded cells run the
  exercise's hidden checks with pytest in the learner's kernel, as stock nbgrader courses do; nbgrader puts
  those cells into every submission when it overwrites the graded cells. Generating the assignment is not timed.
- `stylekit` is the whole `stylekit grade SUBMITTED --out DIR` command with its default jobs (one per core),
  which prepares its own gradebook.
- `kernel_floor_seconds` is what starting and stopping one python3 kernel costs: no notebook can be graded
  in a kernel for less.
- `infinite_loop` grades one extra submission that never finishes its first answer cell, alone, with
  `stylekit grade --timeout T`: it should cost at most T once, and only its exercise: the notebook is `graded`, the
  looping exercise earns 0 and the reason names its time budget.
- `self_check_seconds`: one exercise's self-check (the judge on one exercise), median per section; the §5 one
  should stay within twice the §2 one.

Jupyter's config, data and runtime folders and IPython's folder are inside the benchmark's temporary folder,
so the run never reads or changes the user's own Jupyter set-up.
"""
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Type, TypeVar

import click
import nbformat
import nbgrader
from jupyter_client.manager import KernelManager

import stylekit
from stylekit.notebooks.schema import graded_exercises, with_answers
from stylekit.curriculum.source import ExerciseSource, load_section
from stylekit.grading.report import read_grades_csv
from stylekit.patterns import load_catalogue

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECKS_ROOT = REPO_ROOT / "autograder" / "checks"
SECTIONS = ("02_type_system", "05_testing")  # the pilot sections of issue 5
KINDS = ("solution", "stub", "wrong", "unstyled")  # what each learner hands in, in turn
MIN_SUBMISSIONS = 30  # issue 5: at least 30 ordinary submissions
TARGET_RATIO = 5.0  # issue 10: at least five times the throughput of stock nbgrader on 2 cores
TARGET_NOTEBOOK_SECONDS = 2.0  # issue 10: a section-05 notebook (its learners' tests run against mutants) under 2 s
TARGET_SELF_CHECK_RATIO = 2.0  # issue 18: a self-check of a §5 exercise within twice one of §2
CLASS_LEARNERS = 200  # issue 10's class-scale projection: 200 learners ...
CLASS_SECTIONS = 12  # ... times the guide's twelve sections
ALONE_RUNS = 3  # gradings of one notebook in a grading process, for its median
KERNEL_NAME = "python3"  # the kernel the exercise notebooks name
KERNEL_READY_SECONDS = 60  # a kernel that is not ready by then is broken, not slow
ALONE_SECTION = "02_type_system"  # the section of the infinite loop and of the ordinary notebook it is compared to
LOOP_SOURCE = "while True:\n    pass\n"
STOCK_COURSE_ID = "stylekit-bench"
STYLEKIT_SOME_FAILED = 1  # `stylekit grade` exits 1 when some submission could not be graded
# A graded cell of the stock course: the exercise's hidden checks, run by pytest in the learner's kernel. The
# answers come from the notebook file nbgrader executes (it sits in the kernel's working folder, beside the
# section's given modules), read the way the kit's judge reads them, and run by the judge in the kernel's own process
# (its tests-only in-process switch: no subject processes), so both graders check the same code the same way.
STOCK_GRADED_CELL = '''# Stock nbgrader: the hidden checks of exercise '{exercise}' run here, in the learner's kernel.
import json
import os
from pathlib import Path

from stylekit.grading.judge import UNSAFE_IN_PROCESS_ENV, judge
from stylekit.grading.model import JudgeRequest

os.environ[UNSAFE_IN_PROCESS_ENV] = "1"
# The section's modules beside the notebook are its reference modules, which checks of learner-written tests use.
_verdict = judge(JudgeRequest(notebook=json.loads(Path({notebook!r}).read_text()), files={{}},
                              checks={{{exercise!r}: Path({checks_file!r}).read_text()}},
                              references={{path.stem: path.read_text() for path in Path(".").glob("*.py")}},
                              timeout=60, memory_mb=0, namespaces=False, exercises=[{exercise!r}]))
_exercise = _verdict.exercises[{exercise!r}]
assert _exercise.checks and all(check.passed for check in _exercise.checks), [
    check.name for check in _exercise.checks if not check.passed]
'''
STOCK_CONFIG = '''c = get_config()  # noqa: F821 - traitlets injects get_config into configuration files

c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = {db_url!r}
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.Exchange.root = {exchange!r}
'''

T_Submission = TypeVar("T_Submission", bound="Submission")
T_Timing = TypeVar("T_Timing", bound="Timing")
T_LoopResult = TypeVar("T_LoopResult", bound="LoopResult")


@dataclass
class Submission:
    """One notebook handed in: who, for which section, and which kind of answer it holds."""

    learner: str
    section: str
    kind: str

    def to_dict(self) -> Dict[str, str]:
        return {"learner": self.learner, "section": self.section, "kind": self.kind}

    @classmethod
    def from_dict(cls: Type[T_Submission], raw: Dict[str, str]) -> T_Submission:
        return cls(learner=raw["learner"], section=raw["section"], kind=raw["kind"])


@dataclass
class Timing:
    """One grader's wall-clock time over the submissions, and how many notebooks it actually graded."""

    seconds: float
    notebooks: int
    graded: int
    extra: Dict[str, Any] = field(default_factory=dict)

    @property
    def seconds_per_notebook(self) -> float:
        return self.seconds / self.notebooks if self.notebooks else 0.0

    def to_dict(self) -> Dict[str, Any]:
        return {"seconds": round(self.seconds, 2), "seconds_per_notebook": round(self.seconds_per_notebook, 3),
                "notebooks": self.notebooks, "graded": self.graded, **self.extra}

    @classmethod
    def from_dict(cls: Type[T_Timing], raw: Dict[str, Any]) -> T_Timing:
        known = {"seconds", "seconds_per_notebook", "notebooks", "graded"}
        return cls(seconds=float(raw["seconds"]), notebooks=int(raw["notebooks"]), graded=int(raw["graded"]),
                   extra={key: value for key, value in raw.items() if key not in known})


@dataclass
class LoopResult:
    """The never-ending submission graded alone: how long it took, under which timeout, and its status."""

    seconds: float
    timeout: float
    status: str
    reason: str = ""
    ordinary_alone_seconds: float = 0.0  # an ordinary notebook of the same section graded alone, for scale

    @property
    def budget_seconds(self) -> float:
        """What issue 5 allows: the timeout once, plus what grading a notebook alone costs anyway."""
        return self.timeout + self.ordinary_alone_seconds

    def to_dict(self) -> Dict[str, Any]:
        return {"seconds": round(self.seconds, 2), "timeout": self.timeout, "status": self.status,
                "reason": self.reason, "ordinary_alone_seconds": round(self.ordinary_alone_seconds, 2)}

    @classmethod
    def from_dict(cls: Type[T_LoopResult], raw: Dict[str, Any]) -> T_LoopResult:
        return cls(seconds=float(raw["seconds"]), timeout=float(raw["timeout"]), status=str(raw["status"]),
                   reason=str(raw.get("reason", "")),
                   ordinary_alone_seconds=float(raw.get("ordinary_alone_seconds", 0)))


class GradingCommandFailed(Exception):
    def __init__(self, command: List[str], returncode: int, log: Path) -> None:
        super().__init__(f"{' '.join(command)} exited {returncode}; its output is in {log}")


# ---- the submissions ----------------------------------------------------------------------------------------


def _read(path: Path) -> Any:
    return nbformat.read(str(path), as_version=4)


def _exercises(section: str) -> List[ExerciseSource]:
    return load_section(REPO_ROOT, load_catalogue().section(section)).exercises


def answer_notebook(section: str, kind: str) -> Any:
    """What a learner of this kind hands in for the section."""
    stub = _read(REPO_ROOT / "exercises" / section / f"{section}.ipynb")
    if kind == "stub":
        return stub
    if kind == "solution":
        return with_answers(stub, {exercise.id: exercise.model_answer() for exercise in _exercises(section)})
    return with_answers(stub, {exercise.id: exercise.variants[kind].source for exercise in _exercises(section)})


def expected_score(section: str, kind: str) -> float:
    """What the kit must give this kind of answer (as tests/grading/test_sections.py expects it)."""
    if kind == "stub":
        return 0.0
    if kind == "solution":
        return sum(exercise.points for exercise in _exercises(section))
    return sum(exercise.variants[kind].score for exercise in _exercises(section))


def _given_modules(section: str) -> List[Path]:
    """The modules a section's release ships beside its notebook (section 05 tests them)."""
    return sorted((REPO_ROOT / "solutions" / section).glob("*.py"))


def submit(submitted: Path, learner: str, section: str, notebook: Any) -> None:
    folder = submitted / learner / section
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(folder / f"{section}.ipynb"))
    for module in _given_modules(section):
        shutil.copy(module, folder / module.name)


def write_submissions(submitted: Path, count: int) -> List[Submission]:
    """learner01..learnerNN, one notebook each, alternating sections and cycling through the kinds of answer."""
    width = max(2, len(str(count)))
    notebooks = {(section, kind): answer_notebook(section, kind) for section in SECTIONS for kind in KINDS}
    submissions = []
    for index in range(count):
        section = SECTIONS[index % len(SECTIONS)]
        kind = KINDS[(index // len(SECTIONS)) % len(KINDS)]
        learner = f"learner{index + 1:0{width}d}"
        submit(submitted, learner, section, notebooks[(section, kind)])
        submissions.append(Submission(learner=learner, section=section, kind=kind))
    return submissions


# ---- the environment ----------------------------------------------------------------------------------------


def isolate_jupyter(root: Path) -> None:
    """Point Jupyter and IPython at folders inside `root`, for this process and every command it starts."""
    for variable, name in (("JUPYTER_CONFIG_DIR", "jupyter-config"), ("JUPYTER_DATA_DIR", "jupyter-data"),
                           ("JUPYTER_RUNTIME_DIR", "jupyter-runtime"), ("IPYTHONDIR", "ipython")):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(folder)
    # nbgrader runs `alembic` by name and the kernels must be the venv's Python: the venv's tools come first.
    os.environ["PATH"] = os.pathsep.join([str(BIN), os.environ.get("PATH", "")])


def run_timed(command: List[str], cwd: Path, log: Path) -> Tuple[float, int]:
    """Run a command with its output appended to `log`: the wall-clock seconds it took, and its exit code."""
    with log.open("ab") as sink:
        started = time.perf_counter()
        completed = subprocess.run(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, check=False)
        elapsed = time.perf_counter() - started
    return elapsed, completed.returncode


def _warn_exit(command: List[str], returncode: int, log: Path) -> None:
    logger.warning(f"{' '.join(command)} exited {returncode}; its output is in {log}")


# ---- stock nbgrader -----------------------------------------------------------------------------------------


def stock_graded_cell(section: str, exercise: str) -> str:
    checks_file = CHECKS_ROOT / section / f"test_{exercise}.py"
    return STOCK_GRADED_CELL.format(exercise=exercise, notebook=f"{section}.ipynb", checks_file=str(checks_file))


def stock_source_notebook(section: str) -> Any:
    """The kit's solution notebook with every graded cell running its exercise's hidden checks in the kernel."""
    notebook = _read(REPO_ROOT / "solutions" / section / f"{section}.ipynb")
    for index, spec in graded_exercises(notebook):
        notebook.cells[index].source = stock_graded_cell(section, spec.exercise)
    return notebook


def prepare_stock_course(course: Path, submitted: Path) -> None:
    """A stock nbgrader course: its own config (nbgrader's default preprocessors), sources, the submissions,
    and the assignments generated (not timed)."""
    (course / "exchange").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(STOCK_CONFIG.format(
        root=str(course), course_id=STOCK_COURSE_ID, db_url=f"sqlite:///{course}/gradebook.db",
        exchange=str(course / "exchange")))
    for section in SECTIONS:
        source = course / "source" / section
        source.mkdir(parents=True)
        nbformat.write(stock_source_notebook(section), str(source / f"{section}.ipynb"))
        for module in _given_modules(section):
            shutil.copy(module, source / module.name)
    shutil.copytree(submitted, course / "submitted")
    for section in SECTIONS:
        command = [str(BIN / "nbgrader"), "generate_assignment", section, "--force"]
        _, returncode = run_timed(command, course, course / "generate.log")
        if returncode != 0:
            raise GradingCommandFailed(command, returncode, course / "generate.log")


def _stock_checks_ran(notebook_path: Path) -> int:
    """Graded cells of an autograded notebook in which pytest reported on the hidden checks."""
    notebook = _read(notebook_path)
    ran = 0
    for index, _ in graded_exercises(notebook):
        text = "".join(output.get("text", "") for output in notebook.cells[index].get("outputs", []))
        ran += int(" passed" in text or " failed" in text)
    return ran


def run_stock(course: Path, notebooks: int) -> Timing:
    """`nbgrader autograde SECTION` for each section, timed together; every student of a section in turn."""
    by_section = {}
    for section in SECTIONS:
        logger.info(f"stock: nbgrader autograde {section} ...")
        command = [str(BIN / "nbgrader"), "autograde", section]
        by_section[section], returncode = run_timed(command, course, course / "autograde.log")
        if returncode != 0:
            _warn_exit(command, returncode, course / "autograde.log")
    # nbgrader deletes the autograded copy of a notebook it failed on, so what is left is what it graded.
    autograded = sorted((course / "autograded").glob("*/*/*.ipynb"))
    return Timing(seconds=sum(by_section.values()), notebooks=notebooks, graded=len(autograded), extra={
        "seconds_by_section": {section: round(seconds, 2) for section, seconds in by_section.items()},
        "graded_cells_that_ran_checks": sum(_stock_checks_ran(path) for path in autograded)})


# ---- stylekit grade -----------------------------------------------------------------------------------------


def read_grades(out: Path) -> List[Dict[str, str]]:
    path = out / "grades.csv"
    if not path.is_file():
        logger.warning(f"stylekit grade wrote no {path}")
        return []
    return read_grades_csv(path)


def run_stylekit(submitted: Path, out: Path, cwd: Path, notebooks: int, timeout: Optional[float] = None) -> Timing:
    """The whole `stylekit grade` command, default jobs; its grades.csv says what it graded."""
    command = [str(BIN / "stylekit"), "grade", str(submitted), "--out", str(out)]
    if timeout is not None:
        command += ["--timeout", f"{timeout:g}"]
    log = cwd / f"{out.name}.log"
    seconds, returncode = run_timed(command, cwd, log)
    statuses = Counter(row.get("status", "") for row in read_grades(out))
    # Exit 1 means some submission failed, which grades.csv then says; anything else is the command's failure.
    failures_reported = returncode == STYLEKIT_SOME_FAILED and statuses.get("failed", 0) > 0
    if returncode != 0 and not failures_reported:
        _warn_exit(command, returncode, log)
    graded = sum(count for status, count in statuses.items() if status != "failed")
    return Timing(seconds=seconds, notebooks=notebooks, graded=graded,
                  extra={"jobs": os.cpu_count() or 1, "statuses": dict(statuses), "exit_code": returncode})


def grade_alone(root: Path, name: str, notebook: Any, timeout: float) -> Tuple[Timing, Dict[str, str]]:
    """One submission graded by `stylekit grade --timeout` on its own: the timing and its grades.csv row."""
    submitted = root / f"{name}-submitted"
    submit(submitted, f"learner_{name}", ALONE_SECTION, notebook)
    out = root / f"{name}-grades"
    timing = run_stylekit(submitted, out, root, notebooks=1, timeout=timeout)
    rows = read_grades(out)
    return timing, rows[0] if rows else {}


def grade_infinite_loop(root: Path, timeout: float) -> LoopResult:
    """A submission whose first answer cell never ends, and for comparison the same section's model solution,
    each graded alone under `timeout`."""
    stub = _read(REPO_ROOT / "exercises" / ALONE_SECTION / f"{ALONE_SECTION}.ipynb")
    first_exercise = graded_exercises(stub)[0][1].exercise
    ordinary, _ = grade_alone(root, "ordinary", answer_notebook(ALONE_SECTION, "solution"), timeout)
    looping, row = grade_alone(root, "loop", with_answers(stub, {first_exercise: LOOP_SOURCE}), timeout)
    return LoopResult(seconds=looping.seconds, timeout=timeout, status=row.get("status", "missing"),
                      reason=row.get("reason", ""), ordinary_alone_seconds=ordinary.seconds)


# ---- one notebook in one grading process ----------------------------------------------------------------------


def grading_process_seconds(section: str) -> float:
    """Median seconds `grade_notebook` takes for a section's model solution: one contained grading process,
    everything in (sandbox, interpreter, checks, style, learner-test runs), as each notebook of a class costs."""
    from stylekit.grading.runner import grade_notebook

    path = REPO_ROOT / "solutions" / section / f"{section}.ipynb"
    timings = []
    for _ in range(ALONE_RUNS):
        started = time.perf_counter()
        verdict = grade_notebook(path)
        timings.append(time.perf_counter() - started)
        if verdict.failure:
            logger.warning(f"{section}: the model solution was not graded: {verdict.failure}")
    return statistics.median(timings)


def self_check_seconds(section: str) -> float:
    """Median seconds a self-check of one exercise takes (`grade_notebook` naming the exercise, as a graded cell's
    `check_exercise` does), over the section's exercises, on its model solution."""
    from stylekit.grading.runner import grade_notebook

    path = REPO_ROOT / "solutions" / section / f"{section}.ipynb"
    timings = []
    for exercise in _exercises(section):
        started = time.perf_counter()
        verdict = grade_notebook(path, exercises=[exercise.id])
        timings.append(time.perf_counter() - started)
        if verdict.exercises.get(exercise.id) is None or verdict.exercises[exercise.id].score != exercise.points:
            logger.warning(f"{section}/{exercise.id}: the self-check did not give the model answer full marks")
    return statistics.median(timings)


# ---- the kernel floor ---------------------------------------------------------------------------------------


def kernel_start_stop_seconds() -> float:
    started = time.perf_counter()
    manager = KernelManager(kernel_name=KERNEL_NAME)
    # The kernel's own start-up chatter (ipykernel warns about unencrypted TCP) is not the benchmark's output.
    manager.start_kernel(stderr=subprocess.DEVNULL)
    try:
        client = manager.blocking_client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=KERNEL_READY_SECONDS)
        finally:
            client.stop_channels()
    finally:
        manager.shutdown_kernel(now=False)
    return time.perf_counter() - started


def kernel_floor(runs: int) -> float:
    return statistics.median(kernel_start_stop_seconds() for _ in range(runs))


# ---- the report ---------------------------------------------------------------------------------------------


def unexpected_scores(out: Path, submissions: List[Submission]) -> List[Dict[str, Any]]:
    """Submissions whose stylekit score is not what the kit's own section tests expect: a grader that skips
    work it should do would look fast, so the figures are only worth as much as the grades."""
    rows = {(row.get("learner"), row.get("assignment")): row for row in read_grades(out)}
    found = []
    for item in submissions:
        row = rows.get((item.learner, item.section), {})
        expected = expected_score(item.section, item.kind)
        actual = float(row["score"]) if row.get("score") else None
        if actual != expected:
            found.append({**item.to_dict(), "expected": expected, "actual": actual, "status": row.get("status")})
    if found:
        logger.warning(f"stylekit gave {len(found)} submissions another score than the kit's tests expect: "
                       + ", ".join(f"{case['learner']} ({case['section']} {case['kind']}): {case['actual']} "
                                   f"instead of {case['expected']}" for case in found))
    return found


def _check_agreement(stock: Timing, kit: Timing) -> None:
    """Warn, do not fail: a benchmark whose graders disagree on what they graded compares unlike work."""
    if stock.graded != kit.graded:
        logger.warning(f"stock nbgrader graded {stock.graded} notebooks and stylekit {kit.graded}, "
                       f"of {stock.notebooks}: the figures compare unlike work")
    elif stock.graded != stock.notebooks:
        logger.warning(f"both graders graded {stock.graded} of {stock.notebooks} notebooks")


def class_scale(stock: Timing, kit: Timing) -> Dict[str, Any]:
    """Notebooks per minute on this machine, and what a class of CLASS_LEARNERS x CLASS_SECTIONS would take."""
    per_minute = {name: round(60 / timing.seconds_per_notebook, 1) if timing.seconds_per_notebook else 0.0
                  for name, timing in (("stock", stock), ("stylekit", kit))}
    notebooks = CLASS_LEARNERS * CLASS_SECTIONS
    return {"notebooks_per_minute": per_minute,
            "class": f"{CLASS_LEARNERS} learners x {CLASS_SECTIONS} sections = {notebooks} notebooks",
            "projected_minutes": {name: round(notebooks / rate, 1) if rate else None
                                  for name, rate in per_minute.items()}}


def _self_checks() -> Tuple[Dict[str, float], float]:
    logger.info("self-check of one exercise, per section ...")
    seconds = {section: round(self_check_seconds(section), 3) for section in SECTIONS}
    return seconds, seconds["05_testing"] / seconds["02_type_system"] if seconds["02_type_system"] else 0.0


def _both_graders(root: Path, submitted: Path, submissions: List[Submission]) -> Tuple[Timing, Timing]:
    """Stock nbgrader and `stylekit grade` on the same submissions, their scores compared."""
    logger.info("stock: generating the assignments (not timed) ...")
    course = root / "stock-course"
    prepare_stock_course(course, submitted)
    stock = run_stock(course, len(submissions))
    logger.info(f"stock: {stock.seconds:.1f} s")
    logger.info("stylekit grade ...")
    kit = run_stylekit(submitted, root / "stylekit-grades", root, len(submissions))
    logger.info(f"stylekit: {kit.seconds:.1f} s")
    kit.extra["unexpected_scores"] = unexpected_scores(root / "stylekit-grades", submissions)
    _check_agreement(stock, kit)
    return stock, kit


def measure(root: Path, count: int, timeout: float, kernel_runs: int) -> Dict[str, Any]:
    submitted = root / "submitted"
    submissions = write_submissions(submitted, count)
    logger.info(f"{len(submissions)} submissions written to {submitted}")

    logger.info(f"kernel floor: {kernel_runs} kernel starts and stops ...")
    floor = kernel_floor(kernel_runs)

    stock, kit = _both_graders(root, submitted, submissions)

    logger.info(f"infinite loop: stylekit grade --timeout {timeout:g} ...")
    loop = grade_infinite_loop(root, timeout)

    logger.info("one notebook per section in a grading process ...")
    alone = {section: round(grading_process_seconds(section), 3) for section in SECTIONS}
    self_check, self_check_ratio = _self_checks()
    from stylekit.grading.containment import probe

    ratio = stock.seconds_per_notebook / kit.seconds_per_notebook if kit.seconds_per_notebook else 0.0
    return {
        "benchmark": "grading",
        "stylekit_version": stylekit.__version__,
        "nbgrader_version": nbgrader.__version__,
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "submissions": len(submissions),
        "sections": list(SECTIONS),
        "kinds": {kind: sum(1 for item in submissions if item.kind == kind) for kind in KINDS},
        "stock": stock.to_dict(),
        "stylekit": kit.to_dict(),
        "ratio": round(ratio, 2),
        "containment": probe().label,
        "grading_process_seconds": alone,
        "self_check_seconds": self_check,
        "self_check_ratio_05_to_02": round(self_check_ratio, 2),
        "class_scale": class_scale(stock, kit),
        "kernel_floor_seconds": round(floor, 3),
        "kernel_floor_runs": kernel_runs,
        "infinite_loop": loop.to_dict(),
        "target": {
            "min_ratio": TARGET_RATIO,
            "max_section_05_notebook_seconds": TARGET_NOTEBOOK_SECONDS,
            "max_self_check_ratio_05_to_02": TARGET_SELF_CHECK_RATIO,
            "infinite_loop_max_seconds": round(loop.budget_seconds, 2),
            "met": {"ratio": ratio >= TARGET_RATIO,
                    "section_05_notebook": alone.get("05_testing", 0.0) < TARGET_NOTEBOOK_SECONDS,
                    "self_check_ratio": self_check_ratio <= TARGET_SELF_CHECK_RATIO,
                    # The loop costs its own exercise: the notebook is graded, the reason names the budget.
                    "infinite_loop": loop.seconds <= loop.budget_seconds and loop.status == "graded"
                    and "time budget" in loop.reason},
        },
    }


@click.command()
@click.option("--count", default=32, show_default=True, help="Ordinary submissions (notebooks) to grade.")
@click.option("--timeout", default=10.0, show_default=True,
              help="Seconds `stylekit grade --timeout` allows the infinite-loop submission.")
@click.option("--kernel-runs", default=5, show_default=True, help="Kernel starts and stops for the kernel floor.")
@click.option("--keep", is_flag=True, help="Keep the temporary folder (courses, submissions, grades, logs).")
def main(count: int, timeout: float, kernel_runs: int, keep: bool) -> None:
    """Benchmark stock sequential `nbgrader autograde` against `stylekit grade` on the pilot sections."""
    logging.basicConfig(level=logging.INFO, format="bench_grading: %(message)s")
    if count < MIN_SUBMISSIONS:
        logger.warning(f"{count} submissions; issue 5 asks for at least {MIN_SUBMISSIONS}")
    root = Path(tempfile.mkdtemp(prefix="stylekit-bench-grading-"))
    try:
        isolate_jupyter(root)
        report = measure(root, count, timeout, kernel_runs)
    finally:
        if keep:
            logger.info(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    if keep:
        report["kept"] = str(root)
    click.echo(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
