"""`stylekit grade`: grade a whole class's submissions in parallel. Orchestration only: what to grade
(stylekit/grading/discovery.py), what is already graded (grading/store.py), nbgrader's part
(stylekit/nbgrader_interactions), and the outputs derived from each result (grading/report.py).

SUBMITTED is laid out as nbgrader's `submitted/<learner>/<assignment>/<notebook>.ipynb`. The output folder is an
nbgrader course root: it holds the gradebook (gradebook.db), nbgrader's autograded copies, `grades.csv`, the same
grades for Canvas and Moodle (`grades-canvas.csv`, `grades-moodle.csv`, lms_export.py) and
`feedback/<learner>/<assignment>.html`. A result is stored as soon as its submission is graded, so a run that was
killed half way finishes where it stopped, and a re-run grades only what changed.

One submission cannot hold up the class: a notebook too large for nbgrader fails before nbgrader reads it
(notebook_problem), a submission's whole grading has a time budget that its pool process's alarm enforces
(Watchdog), and the parent kills a pool process still busy past that budget (TaskBoard). Each fails alone, with
its reason; the rest are graded.
"""
import dataclasses
import json
import logging
import os
import signal
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Dict, Generator, Iterator, List, Optional, Set, Tuple

from stylekit.errors import StylekitError
from stylekit.grading.containment import ContainmentMode, resolve
from stylekit.grading.discovery import Submission, discover
from stylekit.grading.lms_export import LmsFormat, write_lms_csv
from stylekit.grading.model import STATUS_FAILED, STATUS_GRADED, GradeSettings, RunSummary, SubmissionResult
from stylekit.grading.report import feedback_path, write_feedback_page, write_grades_csv
from stylekit.grading.runner import warm_judge
from stylekit.grading.store import STATE_FOLDER, ResultStore, fingerprint, grader_digest
from stylekit.nbgrader_interactions.gradebook import AutogradeFailed, ClassGradebook
from stylekit.notebooks.reader import NotebookTooLarge, UnreadableNotebook, read_notebook
from stylekit.notebooks.schema import total_points
from stylekit.notebooks.trust import protected_cell_changes
from stylekit.text import printable

logger = logging.getLogger(__name__)

# The pool's processes are forked from this one, which has imported nbgrader and the kit (seconds of work a spawned
# process would repeat) and decided the containment. This process is single-threaded when it forks them, and
# holds no open gradebook: prepare() opens and closes its own after the pool has started.
POOL_CONTEXT = get_context("fork")
Progress = Callable[[int, int, SubmissionResult, float], None]  # done, total, latest, seconds since start
Finished = Tuple[Submission, SubmissionResult]

# A submission's whole grading (reading its notebooks, nbgrader's work, the grading processes) has a time budget:
# the notebooks' time limits, plus this for nbgrader's own work around them (copying, its gradebook, writing the
# autograded notebooks), which takes about a second for a notebook of ordinary size.
NBGRADER_GRACE_SECONDS = 10.0
# The pool process's own alarm stops an overrun; only a process stuck where no alarm reaches (in C code, or in code
# that swallows the alarm's exception) is still busy this long after its budget, and the parent then kills it.
PARENT_MARGIN_SECONDS = 10.0
WATCH_SECONDS = 1.0  # how often the parent looks for a task past its time
NOT_STARTED, FINISHED = 0.0, -1.0  # a task's slot on the board before it starts and once it has ended


class SubmissionOverran(StylekitError):
    """Raised in a pool process by its alarm (Watchdog) when a submission's grading goes past its time budget."""

    def __init__(self, budget: float, timeout: float) -> None:
        super().__init__(f"Grading stopped at the submission's time limit of {budget:g} s ({timeout:g} s per notebook "
                         f"and {NBGRADER_GRACE_SECONDS:g} s for nbgrader's own work): is a notebook very large, or "
                         "does some code loop forever?")
        self.budget = budget


def time_budget(timeout: float, notebooks: int) -> float:
    """Seconds one submission's whole grading may take, in its pool process."""
    return timeout * max(1, notebooks) + NBGRADER_GRACE_SECONDS


def notebook_problem(path: Path) -> Optional[str]:
    """Why the notebook at `path` cannot be handed to nbgrader (too large, not a notebook), or None.

    The notebook floor's reader checks the size and the cells before nbformat parses or validates anything (its
    validation alone took seconds on 100,000 cells).
    """
    try:
        notebook = read_notebook(path)
    except NotebookTooLarge as error:
        return f"{path.name} is too large to grade: {error.reason}"
    except UnreadableNotebook as error:
        return f"{path.name} is not a valid notebook: {error.reason}"
    if not _writable(notebook):
        return (f"{path.name} holds text that is not valid Unicode (a lone surrogate, written as an escape like "
                "\\ud800 in the file), which nbgrader cannot write back")
    return None


def max_points(source_folder: Path) -> float:
    """The points the assignment's source notebooks offer, for a submission that could not be graded."""
    return sum(total_points(read_notebook(path)) for path in sorted(source_folder.glob("*.ipynb")))


def restoration_notes(submitted: Path, source: Path) -> List[str]:
    """What the submission changed of the cells nbgrader restores before grading, for the feedback to say."""
    return [change.note(submitted.name)
            for change in protected_cell_changes(read_notebook(submitted), read_notebook(source))]


def _writable(raw: Any) -> bool:
    """Whether the parsed notebook can be written as UTF-8 again, as nbgrader writes its autograded copy (JSON's
    escapes of a lone surrogate parse, but cannot be encoded)."""
    try:
        json.dumps(raw, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Watchdog:
    """The pool process's alarm for one submission: `seconds` after entering, SIGALRM raises SubmissionOverran in
    the main thread, wherever it is (nbgrader's work, the wait for a grading process, whose group the runner then
    kills on its way out). The exception leaving the block is absorbed; `rang` says whether it rang."""

    def __init__(self, budget: float, timeout: float) -> None:
        self.budget = budget
        self.timeout = timeout
        self.armed = False
        self.rang = False
        self.previous: Any = signal.SIG_DFL

    def _ring(self, signum: int, frame: Optional[FrameType]) -> None:
        if self.armed:
            self.rang = True
            raise SubmissionOverran(self.budget, self.timeout)

    def __enter__(self) -> "Watchdog":
        self.previous = signal.signal(signal.SIGALRM, self._ring)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.budget)  # rings once: nbgrader gives up a submission it raised in
        return self

    def __exit__(self, kind: Optional[type], error: Optional[BaseException], traceback: Any) -> bool:
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
        return kind is not None and issubclass(kind, SubmissionOverran)


class TaskBoard:
    """Where each pool process notes when it starts and ends each task, in memory shared with the parent (one
    writer per slot, so no lock a killed process could leave held): the parent tells a task that overran its time
    from one still waiting in the pool's queue, and knows which process holds it."""

    def __init__(self, tasks: int) -> None:
        self.started = POOL_CONTEXT.RawArray("d", max(1, tasks))  # time.monotonic(), which all processes share
        self.pids = POOL_CONTEXT.RawArray("i", max(1, tasks))

    def start(self, slot: int) -> None:
        self.pids[slot] = os.getpid()
        self.started[slot] = time.monotonic()

    def finish(self, slot: int) -> None:
        self.started[slot] = FINISHED

    def busy(self) -> Dict[int, int]:
        """Slot -> pid of every task running now."""
        return {slot: self.pids[slot] for slot in range(len(self.started)) if self.started[slot] > NOT_STARTED}

    def running_for(self, slot: int) -> float:
        return time.monotonic() - self.started[slot] if self.started[slot] > NOT_STARTED else 0.0

    def overdue(self, limits: List[float]) -> Set[int]:
        return {slot for slot in self.busy() if self.running_for(slot) > limits[slot]}


# -- in each grading process of the pool ---------------------------------------------------------------------------
_gradebook: List[ClassGradebook] = []  # built once per process: nbgrader's API is slow to make
_board: List[TaskBoard] = []


def _start_worker(settings: GradeSettings, board: Optional[TaskBoard] = None) -> None:
    _gradebook.append(ClassGradebook(settings))
    if board is not None:
        _board.append(board)


def grade_submission(submission: Submission, print_fingerprint: str, slot: Optional[int] = None) -> SubmissionResult:
    """Autograde one learner's assignment with nbgrader; the result is derived from the verdicts it returns. The
    whole of it, from reading the notebooks on, within the submission's time budget (Watchdog)."""
    started = time.monotonic()
    if slot is not None:
        _board[0].start(slot)
    gradebook = _gradebook[0]
    source_folder = gradebook.settings.solutions / submission.assignment
    result = SubmissionResult(submission.learner, submission.assignment, STATUS_FAILED, None,
                              max_points(source_folder), fingerprint=print_fingerprint)
    expected = sorted(path.name for path in source_folder.glob("*.ipynb"))
    watchdog = Watchdog(time_budget(gradebook.settings.timeout, len(expected)), gradebook.settings.timeout)
    try:
        with watchdog:
            _autograde(gradebook, submission, result, expected)
    except SubmissionOverran:
        pass  # rang as the block ended, before it was disarmed: the grading did overrun
    finally:
        if slot is not None:
            _board[0].finish(slot)
    if watchdog.rang:
        # Whatever nbgrader made of the submission before the alarm is incomplete: nothing of it counts.
        result = dataclasses.replace(result, status=STATUS_FAILED, score=None, notebooks={},
                                     reason=str(SubmissionOverran(watchdog.budget, watchdog.timeout)), cacheable=True)
    result.seconds = round(time.monotonic() - started, 3)
    return result


def _autograde(gradebook: ClassGradebook, submission: Submission, result: SubmissionResult,
               expected: List[str]) -> None:
    """Fill in `result` from nbgrader's autograde of the submission (or say why it could not be graded)."""
    source_folder = gradebook.settings.solutions / submission.assignment
    problems = [f"the submission has no notebook named {name}" for name in expected
                if not (submission.folder / name).is_file()]
    problems += [problem for name in expected if (submission.folder / name).is_file()
                 for problem in [notebook_problem(submission.folder / name)] if problem]
    if problems:
        result.reason = "; ".join(problems)
        return
    for name in expected:
        result.notes += restoration_notes(submission.folder / name, source_folder / name)
    try:
        verdicts = gradebook.autograde(submission.learner, submission.assignment)
    except AutogradeFailed as error:
        _keep_log(gradebook.settings, submission, error.log)
        result.reason = "nbgrader could not autograde the submission (see the log in .stylekit/logs)"
        result.cacheable = False
        return
    failures = []
    for name in expected:
        stem = Path(name).stem
        verdict = verdicts.get(stem)
        if verdict is None:
            failures.append(f"{name}: the grader gave no verdict for this notebook")
            continue
        result.notebooks[stem] = verdict
        if verdict.failure:
            failures.append(verdict.failure)  # every exercise failed with it: said once
            continue
        failures += [f"exercise {exercise.exercise}: {exercise.error}" for exercise in verdict.exercises.values()
                     if exercise.error]
    if failures:
        result.reason = "; ".join(failures)
    else:
        result.status = STATUS_GRADED
        # Graded, but a cell raised or an exercise was stopped: the instructor's CSV says so, as the page does.
        result.reason = "; ".join(problem for verdict in result.notebooks.values() for problem in verdict.problems)
        result.score = round(sum(exercise.score for verdict in result.notebooks.values()
                                 for exercise in verdict.exercises.values()), 2)


def _keep_log(settings: GradeSettings, submission: Submission, log: str) -> None:
    folder = settings.out / STATE_FOLDER / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    # nbgrader's log may quote the learner's notebook, surrogates and all.
    (folder / f"{submission.learner}--{submission.assignment}.log").write_text(printable(log), encoding="utf-8")


# -- the run -------------------------------------------------------------------------------------------------------
def _failed_outright(submission: Submission, reason: str, print_fingerprint: str) -> SubmissionResult:
    return SubmissionResult(submission.learner, submission.assignment, STATUS_FAILED, None, 0.0, reason=reason,
                            fingerprint=print_fingerprint).printable_copy()


def _unusable_name(submission: Submission) -> Optional[str]:
    """Why nbgrader cannot be given this learner's or assignment's folder name (not UTF-8 text), or None."""
    for kind, name in (("learner", submission.learner), ("assignment", submission.assignment)):
        if printable(name) != name:
            return (f"the {kind} folder's name {os.fsencode(name)!r} is not plain UTF-8 text, which nbgrader needs: "
                    "rename the folder")
    return None


def shard_of(submissions: List[Submission], shard: int, shards: int) -> List[Submission]:
    """Shard `shard` (1-based) of `shards`: every shards-th submission of the sorted class, from the shard-th on, so
    the parts are disjoint, cover the class, and differ in size by one at most."""
    return [submission for index, submission in enumerate(submissions) if index % shards == shard - 1]


def run(settings: GradeSettings, jobs: int, progress: Optional[Progress] = None, force: bool = False) -> RunSummary:
    """Grade every submission under settings.submitted (or this shard's part of them); write grades.csv, the LMS
    files and the feedback pages (a shard names its grades files after itself)."""
    submissions = shard_of(discover(settings.submitted), settings.shard, settings.shards)
    # Decided once, here (and said here, when namespaces are missing): the grading processes only obey.
    if not resolve(settings.containment).namespaces:
        settings = dataclasses.replace(settings, containment=ContainmentMode.AUDIT_ONLY)
    warm_judge()  # before the pool forks: each of its processes then forks its judges warm
    settings.out.mkdir(parents=True, exist_ok=True)
    known = {path.name for path in settings.solutions.iterdir() if path.is_dir()} \
        if settings.solutions.is_dir() else set()
    grader = grader_digest()
    store = ResultStore(settings.out)
    results: Dict[str, SubmissionResult] = {}
    pending: List[Submission] = []
    prints: Dict[str, str] = {}
    reused = 0
    for submission in submissions:
        unusable = _unusable_name(submission)
        if unusable is not None:  # before its fingerprint, which hashes the name as UTF-8
            results[submission.key] = _failed_outright(submission, unusable, "")
            store.save(results[submission.key])
            continue
        prints[submission.key] = fingerprint(submission, settings, grader)
        stored = None if force else store.load(submission)
        if stored is not None and stored.cacheable and stored.fingerprint == prints[submission.key]:
            results[submission.key] = stored
            reused += 1
        elif submission.assignment not in known:
            results[submission.key] = _failed_outright(
                submission, f"the course has no assignment called {submission.assignment}", prints[submission.key])
            store.save(results[submission.key])
        else:
            pending.append(submission)
    done_before = len(results)
    started = time.monotonic()
    assignments = sorted({submission.assignment for submission in pending})
    learners = sorted({submission.learner for submission in pending})

    def prepare() -> None:
        ClassGradebook(settings).prepare(assignments, learners)

    for submission, graded in _grade_in_parallel(pending, settings, jobs, prints, prepare):
        # Made printable here, once, before anything is written from it: its reason may quote an exception's
        # message, and its verdicts what the learner's code printed.
        result = graded.printable_copy()
        store.save(result)
        write_feedback_page(settings.out, result)
        results[submission.key] = result
        if progress is not None:
            progress(len(results) - done_before, len(pending), result, time.monotonic() - started)
    ordered = [results[submission.key] for submission in submissions]
    for result in ordered:
        if not feedback_path(settings.out, result.learner, result.assignment).is_file():
            write_feedback_page(settings.out, result)
    suffix = f"-shard-{settings.shard}-of-{settings.shards}" if settings.is_sharded else ""
    write_grades_csv(settings.out / f"grades{suffix}.csv", ordered)
    for target in LmsFormat:
        write_lms_csv(settings.out / f"grades-{target.value}{suffix}.csv", ordered, target)
    return RunSummary(results=ordered, graded_now=len(pending), reused=reused)


def _ready() -> None:
    """Nothing: submitted once per process so that the pool starts its processes (each builds nbgrader's API)
    while the parent prepares the gradebook."""


def _grade_in_parallel(pending: List[Submission], settings: GradeSettings, jobs: int, prints: Dict[str, str],
                       prepare: Callable[[], None]) -> Iterator[Finished]:
    """(submission, result) as each finishes. A grading process that dies takes only its own submission down: the
    pool is rebuilt and the rest go on; one that overruns its time is killed and fails alone, as overrun."""
    queue = list(pending)
    while queue:
        tried = len(queue)
        queue = yield from _pool_round(queue, max(1, min(jobs, len(queue))), settings, prints, prepare)
        prepare = _ready  # once: a rebuilt pool finds the gradebook ready
        if queue and len(queue) == tried:
            # Nothing finished in a whole pool: grade one at a time so the culprit fails alone.
            for submission in queue:
                for died in (yield from _pool_round([submission], 1, settings, prints, _ready)):
                    crashed = _failed_outright(died, "the grading process died", prints[died.key])
                    crashed.cacheable = False
                    yield died, crashed
            queue = []


def _pool_round(queue: List[Submission], workers: int, settings: GradeSettings, prints: Dict[str, str],
                prepare: Callable[[], None]) -> Generator[Finished, None, List[Submission]]:
    """Grade `queue` in one pool, yielding (submission, result) as each finishes; returns the submissions the pool
    broke under (a process died), to grade again. The parent watches each task's time: a task still running
    PARENT_MARGIN_SECONDS past its budget (its process's alarm did not stop it) fails as overrun, and the pool's
    busy processes and their grading processes are killed (the pool cannot lose one process alone)."""
    board = TaskBoard(len(queue))
    limits = [time_budget(settings.timeout, _notebooks(settings, submission)) + PARENT_MARGIN_SECONDS
              for submission in queue]
    again: List[Submission] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=POOL_CONTEXT, initializer=_start_worker,
                             initargs=(settings, board)) as pool:
        for _ in range(workers):
            pool.submit(_ready)
        prepare()
        futures: Dict[Future, int] = {pool.submit(grade_submission, submission, prints[submission.key], slot): slot
                                      for slot, submission in enumerate(queue)}
        stopped: Dict[int, float] = {}  # slot -> seconds it had run when its process was killed
        waiting = set(futures)
        while waiting:
            done, waiting = wait(waiting, timeout=WATCH_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                slot = futures[future]
                submission = queue[slot]
                try:
                    yield submission, future.result()
                except BrokenProcessPool:
                    if slot in stopped:
                        yield submission, _stopped(submission, settings, prints[submission.key], stopped[slot])
                    else:
                        again.append(submission)
                except Exception as error:  # stylekit: ignore[SK0402] one submission's crash must not end the batch
                    logger.exception(f"Grading {submission.key} crashed")
                    crashed = _failed_outright(submission, f"the grader crashed: {type(error).__name__}: {error}",
                                               prints[submission.key])
                    crashed.cacheable = False
                    yield submission, crashed
            overdue = board.overdue(limits) - set(stopped)
            if overdue:
                logger.warning(f"Killing the grading pool: {', '.join(queue[slot].key for slot in sorted(overdue))} "
                               "ran past the time limit and did not stop")
                stopped.update({slot: board.running_for(slot) for slot in overdue})
                _kill_busy(board)
    return again


def _notebooks(settings: GradeSettings, submission: Submission) -> int:
    return len(list((settings.solutions / submission.assignment).glob("*.ipynb")))


def _stopped(submission: Submission, settings: GradeSettings, print_fingerprint: str,
             seconds: float) -> SubmissionResult:
    """The result of a submission whose pool process the parent killed for running past its budget."""
    budget = time_budget(settings.timeout, _notebooks(settings, submission))
    result = _failed_outright(submission, f"{SubmissionOverran(budget, settings.timeout)} (it did not stop by "
                                          "itself: its grading was killed)", print_fingerprint)
    result.max_score = max_points(settings.solutions / submission.assignment)
    result.seconds = round(seconds, 3)
    return result


def _kill_busy(board: TaskBoard) -> None:
    """Kill every pool process busy on a task, then the grading processes each had started (each the leader of a
    process group of its own): the pool is lost anyway, and an orphaned grading process would run on unwatched.
    The pool processes first, so that none sees its grading process die and reports that as a verdict."""
    busy = set(board.busy().values())
    children = [child for pid in busy for child in _children(pid)]
    for pid in busy:
        _kill(pid)
    for child in children:
        _kill(child, group=True)
        _kill(child)


def _kill(pid: int, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # already gone


def _children(parent: int) -> List[int]:
    """The processes whose parent is `parent`, from /proc (Linux; elsewhere none are found)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()  # the name before ")" may hold spaces
        except OSError:
            continue
        if len(fields) > 1 and fields[1] == str(parent):
            found.append(int(entry.name))
    return found
